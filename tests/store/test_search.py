"""Search: exact substring matches for every query length, ranked, filtered, with marked snippets."""

from __future__ import annotations

import json
import random

import pytest

from mubiao.store import Store
from mubiao.store.search import snippet
from mubiao.store.text import bigrams, fts_query, query_terms, split_passages
from tests.conftest import run_cli
from tests.store.conftest import make_document

PARAGRAPHS = (
    "一、2020年工作回顾",
    "坚决打赢脱贫攻坚战，贫困人口脱贫3.96万人，扶贫小额信贷发放5亿元。",
    "打好污染防治攻坚战，大气污染防治成效明显，空气优良天数比例达90%。",
    "城镇登记失业率控制在4.5%以内，新建义务教育学校63所，5G基站建成2000个。",
    "摆脱贫困的山村通了水泥路。",
)


@pytest.fixture()
def filled(store: Store) -> Store:
    store.add(make_document("a.txt", PARAGRAPHS, region="衡阳市", year=2021))
    other = ("二、2019年工作安排", "深入推进污染防治，脱贫攻坚决战决胜。")
    store.add(make_document("b.txt", other, region="株洲市", year=2019, kind="interpretation"))
    return store


def _passages(hits: list) -> list[str]:
    return sorted({h.snippet for h in hits})


# 路 and 个 only end runs (水泥路。, 2000个。): a one-character query must find them there too
@pytest.mark.parametrize("query", ["脱贫", "扶贫", "污染防治", "城镇登记失业率", "5G", "5g", "贫", "攻坚战", "路", "个"])
def test_search_finds_exactly_the_passages_holding_the_query(filled: Store, query: str) -> None:
    hits = filled.search(query, limit=100, exact=True)  # as written: a reader's Ctrl-F
    holding = [p for p in PARAGRAPHS[1:] + ("深入推进污染防治，脱贫攻坚决战决胜。",) if query.lower() in p.lower()]
    assert sorted(h.snippet for h in hits) == sorted(holding)
    for hit in hits:
        assert all(query.lower() == hit.snippet[a:b].lower() for a, b in hit.marks)


def test_search_two_character_word_matches_inside_longer_words(filled: Store) -> None:
    # substring semantics, as a reader's Ctrl-F: 脱贫 is found in 摆脱贫困 too
    assert "摆脱贫困的山村通了水泥路。" in _passages(filled.search("脱贫"))


def test_search_every_term_must_match(filled: Store) -> None:
    hits = filled.search("污染防治 脱贫")
    assert [h.document for h in hits] == ["b.txt"]
    assert filled.search("污染防治，脱贫") == hits  # punctuation separates terms as spaces do


def test_search_nothing_for_absent_or_empty_queries(filled: Store) -> None:
    assert filled.search("高铁") == []
    assert filled.search("") == []
    assert filled.search("，。！") == []
    assert filled.search('"*') == []


def test_search_filters_by_region_year_and_kind(filled: Store) -> None:
    assert {h.document for h in filled.search("污染防治")} == {"a.txt", "b.txt"}
    assert {h.document for h in filled.search("污染防治", region="株洲市")} == {"b.txt"}
    assert {h.document for h in filled.search("污染防治", year=2021)} == {"a.txt"}
    assert {h.document for h in filled.search("污染防治", kind="interpretation")} == {"b.txt"}
    assert filled.search("污染防治", region="株洲市", year=2021) == []


def test_search_hit_carries_document_and_section(filled: Store) -> None:
    hit = filled.search("失业率")[0]
    assert (hit.document, hit.region, hit.year, hit.kind) == ("a.txt", "衡阳市", 2021, "report")
    assert hit.section == ("一、2020年工作回顾",)
    assert filled.text(hit.document_id)[hit.start : hit.end] == PARAGRAPHS[3]
    assert hit.highlighted("[", "]").startswith("城镇登记[失业率]")


def test_search_ranks_more_occurrences_first(filled: Store) -> None:
    hits = filled.search("污染防治")
    assert hits[0].snippet.count("污染防治") == 2
    assert hits[0].score >= hits[-1].score


def test_search_limit(filled: Store) -> None:
    assert len(filled.search("攻坚", limit=1)) == 1


def test_search_random_substrings_are_found(store: Store) -> None:
    store.add(make_document("a.txt", PARAGRAPHS))
    rng = random.Random(7)
    for _ in range(60):
        para = rng.choice(PARAGRAPHS[1:])
        start = rng.randrange(len(para) - 1)
        query = para[start : start + rng.randint(1, 8)]
        terms = query_terms(query)
        if not terms:
            continue
        hits = store.search(query, limit=100)
        assert para in [h.snippet for h in hits], query


def test_search_snippet_is_a_window_with_marks() -> None:
    passage = "甲" * 100 + "污染防治" + "乙" * 100
    cut, marks = snippet(passage, ["污染防治"])
    assert cut.startswith("…") and cut.endswith("…")
    (a, b), = marks
    assert cut[a:b] == "污染防治"


def test_search_query_building() -> None:
    assert bigrams("污染防治") == "污染 染防 防治 治"
    assert bigrams("5G 基站") == "5g g 基站 站"
    # punctuation ends a run: no term holds it, the run's last character stands alone
    assert bigrams("总量，增长8.5%。") == "总量 量 增长 长8 8 5"
    assert query_terms("污染防治，脱贫 5G") == ["污染防治", "脱贫", "5g"]
    assert fts_query(["脱贫", "贫"]) == '"脱贫" AND "贫"*'
    assert fts_query(["污染防治"]) == '"污染 染防 防治"'


def test_search_passages_cover_the_text() -> None:
    text = "标题\n\n" + "。".join(["句子" * 30] * 20) + "\n  短段  \n"
    passages = split_passages(text, max_len=100)
    assert all(p.text == text[p.start : p.end] and p.text.strip() == p.text for p in passages)
    assert all(len(p.text) <= 100 for p in passages)
    assert "".join(p.text for p in passages) == text.replace("\n", "").replace(" ", "")


def test_search_cli_jsonl(db_url: str) -> None:
    with Store(db_url) as store:
        store.add(make_document("a.txt", PARAGRAPHS))
    result = run_cli("search", "脱贫", "--db", db_url, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert hits and all("<mark>脱贫</mark>" in h["highlighted"] for h in hits)
    assert {"document", "section", "snippet", "marks", "score", "region", "year"} <= set(hits[0])
