"""Where a sentence stands in time, held on the real reports of ../shared/corpus.

For every provincial 2026 report: its annual targets paragraph yields targets of
the report's year, every headline target of headline.jsonl is found as a target of
its year with its value, range and comparator, and no record of a review part is a
target. For every national report that sets a GDP (GNP) growth target in
gdp_series.jsonl, that target is found as a target of the report's year.
"""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from pathlib import Path

import pytest

import mubiao
from mubiao.clean import clean
from mubiao.model import Record
from mubiao.structure import parse_structure
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
PROVINCES = CORPUS / "provinces2026"
NATIONAL = CORPUS / "national"

pytestmark = pytest.mark.skipif(
    not (PROVINCES / "headline.jsonl").is_file() or not (NATIONAL / "gdp_series.jsonl").is_file(),
    reason=f"the development corpus is not here ({CORPUS}); it stays outside the repository",
)


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _headline() -> list[dict]:
    return _jsonl(PROVINCES / "headline.jsonl") if (PROVINCES / "headline.jsonl").is_file() else []


def _gdp_targets() -> list[dict]:
    if not (NATIONAL / "gdp_series.jsonl").is_file():
        return []
    return [row for row in _jsonl(NATIONAL / "gdp_series.jsonl") if row.get("target_quote")]


def _province_docs() -> list[str]:
    return sorted({row["doc"] for row in _headline()})


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[Record]]:
    """Records of every provincial report, read once for the module."""
    regions = {row["doc"]: row["region"] for row in _headline()}
    return {doc: mubiao.extract(PROVINCES / doc, region=regions[doc], year=2026) for doc in regions}


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    found, at = [], text.find(quote)
    while at >= 0:
        found.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return found


def _overlaps(record: Record, spans: list[tuple[int, int]]) -> bool:
    return any(record.start < end and start < record.end for start, end in spans)


def _same_number(record: Record, value: float, value_max: float | None) -> bool:
    if abs(record.value - float(value)) > 1e-9:
        return False
    if (record.value_max is None) != (value_max is None):
        return False
    return value_max is None or abs(record.value_max - float(value_max)) < 1e-9


def _headline_params() -> list:
    seen: dict[str, int] = defaultdict(int)
    params = []
    for gold in _headline():
        seen[gold["doc"]] += 1
        params.append(pytest.param(gold, id=f"{gold['doc'].removesuffix('.txt')}-{seen[gold['doc']]}-{gold['canonical']}"))
    return params


@pytest.mark.parametrize("gold", _headline_params())
def test_corpus_headline_target_found(gold: dict, extracted: dict[str, list[Record]]) -> None:
    """A headline target is a target of its year, with its value, range and comparator."""
    text = (PROVINCES / gold["doc"]).read_text(encoding="utf-8")
    spans = _spans(text, gold["quote"])
    assert spans, f"quote not in {gold['doc']}: {gold['quote']}"
    near = [r for r in extracted[gold["doc"]] if _overlaps(r, spans)]
    hits = [r for r in near if r.kind == "target" and r.year == gold["year"] and _same_number(r, gold["value"], gold.get("value_max"))]
    assert hits, f"not found: {gold['quote']} → {[(r.kind, r.year, r.value, r.value_max) for r in near]}"
    assert any(r.comparator == gold["comparator"] for r in hits), [(r.value, r.comparator) for r in hits]


@pytest.mark.parametrize("doc", _province_docs())
def test_corpus_annual_targets_paragraph_is_this_year(doc: str, extracted: dict[str, list[Record]]) -> None:
    """Every number of the lines holding the headline targets is a target of the report's year.

    The paragraph may be split over lines; a clause it shares with the five-year goals
    (城镇调查失业率控制在5.5%左右) marks only the line where most headline clauses stand.
    """
    text = (PROVINCES / doc).read_text(encoding="utf-8")
    counts: dict[tuple[int, int], int] = defaultdict(int)
    unique: set[tuple[int, int]] = set()
    for gold in _headline():
        if gold["doc"] == doc:
            spans = _spans(text, gold["quote"])
            for start, _ in spans:
                line = (text.rfind("\n", 0, start) + 1, text.find("\n", start) % (len(text) + 1))
                counts[line] += 1
                if len(spans) == 1:
                    unique.add(line)
    lines = unique | {max(counts, key=counts.__getitem__)}
    records = [r for r in extracted[doc] if _overlaps(r, sorted(lines))]
    assert records
    wrong = [(r.kind, r.year, r.quote) for r in records if r.kind != "target" or r.year != 2026 or r.period_start is not None]
    assert not wrong, wrong


@pytest.mark.parametrize("doc", _province_docs())
def test_corpus_no_target_in_a_review_part(doc: str, extracted: dict[str, list[Record]]) -> None:
    """The review parts of a report (工作回顾, 发展成就, numbered or not) hold no targets."""
    structure = parse_structure(clean((PROVINCES / doc).read_text(encoding="utf-8")), year=2026)
    roles = {p.section[0]: p.role for p in structure.paragraphs if p.is_heading and len(p.section) == 1}
    assert "review" in roles.values(), f"no review part recognised in {doc}: {list(roles)}"
    wrong = [(r.value, r.quote) for r in extracted[doc] if r.section and roles.get(r.section[0]) == "review" and r.kind == "target"]
    assert not wrong, wrong


@pytest.mark.parametrize("doc", _province_docs())
def test_corpus_back_matter_gives_only_the_years_task_list(doc: str, extracted: dict[str, list[Record]]) -> None:
    """After the closing call, only an appendix that plans the report's year (民生实事) gives
    records, all targets of that year; glossaries, notes and page chrome give none."""
    structure = parse_structure(clean((PROVINCES / doc).read_text(encoding="utf-8")), year=2026)
    back = {p.section[0]: p.role for p in structure.paragraphs if p.section and p.role in ("aside",)}
    plans = {p.section[0] for p in structure.paragraphs if p.is_heading and len(p.section) == 1 and "实事" in p.lead}
    for record in extracted[doc]:
        assert record.section[:1] and record.section[0] not in back, (record.section, record.quote)
        if record.section[:1] and record.section[0] in plans:
            assert (record.kind, record.year) == ("target", 2026), record.quote


def test_corpus_glossary_after_the_closing_is_aside() -> None:
    """Sichuan's report ends with a 名词解释 whose definitions hold numbers: none is a record."""
    text = (PROVINCES / "sichuan_2026.txt").read_text(encoding="utf-8")
    glossary = text.index("\n名词解释\n")
    records = mubiao.extract(PROVINCES / "sichuan_2026.txt", region="四川省", year=2026)
    assert records and all(r.start < glossary for r in records)


@pytest.fixture(scope="module")
def national() -> dict[str, list[Record]]:
    by_doc: dict[str, list[Record]] = defaultdict(list)
    for row in _gdp_targets():
        doc = row["target_doc"]
        if doc not in by_doc:
            by_doc[doc] = mubiao.extract(NATIONAL / doc, region="全国", year=int(row["year"]))
    return by_doc


@pytest.mark.parametrize("row", _gdp_targets(), ids=lambda row: str(row["year"]))
def test_corpus_national_gdp_target_found(row: dict, national: dict[str, list[Record]]) -> None:
    """The clause setting the year's GDP (GNP) growth target yields a target of that year."""
    text = (NATIONAL / row["target_doc"]).read_text(encoding="utf-8")
    spans = _spans(text, row["target_quote"])
    assert spans, f"quote not in {row['target_doc']}"
    near = [r for r in national[row["target_doc"]] if _overlaps(r, spans)]
    hits = [
        r for r in near
        if r.kind == "target" and r.year == row["year"] and _same_number(r, row["target_value"], row.get("target_value_max"))
    ]
    assert hits, f"{row['target_quote']} → {[(r.kind, r.year, r.value, r.value_max) for r in near]}"


def test_corpus_unnumbered_part_headings_read_like_numbered() -> None:
    """Chongqing 2026 with its part headings unnumbered (../shared/formats/unnumbered) grades
    within 0.03 F1 of the numbered text against the same gold."""
    unnumbered = SHARED / "formats" / "unnumbered" / "chongqing_2026.txt"
    gold_path = SHARED / "gold" / "chongqing_2026.jsonl"
    if not unnumbered.is_file() or not gold_path.is_file():
        pytest.skip(f"{unnumbered} or {gold_path} is not in this copy of ../shared")
    spec = importlib.util.spec_from_file_location("gold_score", SHARED / "gold" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)  # type: ignore[union-attr]
    gold = scorer.load(gold_path)

    def f1(path: Path) -> float:
        pred = []
        for record in mubiao.extract(path, region="重庆市", year=2026):
            row = record.to_dict()
            row["doc"] = "chongqing_2026.txt"
            pred.append(row)
        return scorer.score(gold, pred)[0]["f1"]

    numbered, bare = f1(PROVINCES / "chongqing_2026.txt"), f1(unnumbered)
    assert bare >= numbered - 0.03, f"unnumbered F1 {bare:.3f} against {numbered:.3f} numbered"
