"""Tests of mubiao.clean: cases as data, offset maps, speed, and a property test."""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mubiao.clean import CleanText, clean, is_furniture, rules, to_simplified

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CASES = yaml.safe_load((HERE / "data" / "clean_cases.yaml").read_text(encoding="utf-8"))["cases"]


def _input(case: dict) -> str:
    """A case's input: `input`, or `input_lines` joined as a loader gives them."""
    if "input_lines" in case:
        return "\n".join(case["input_lines"]) + "\n"
    return case["input"]


def _fold(ch: str) -> str:
    """A character as compared by the offset check: width folded, white space as one space."""
    if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
        return " "
    return unicodedata.normalize("NFKC", ch)


def assert_offsets_exact(original: str, result: CleanText) -> None:
    """Every cleaned character maps to the original character it came from."""
    assert len(result.offsets) == len(result.text)
    assert len(result.match_text) == len(result.text)
    previous = -1
    for i, ch in enumerate(result.text):
        o = result.offsets[i]
        assert 0 <= o < len(original), (i, o)
        assert o >= previous, f"offsets go back at {i}"
        previous = o
        source = original[o]
        if source == "&":  # an HTML entity, replaced by the character it names
            continue
        assert _fold(source) == _fold(ch), f"text[{i}]={ch!r} but original[{o}]={source!r}"


def _param(case: dict) -> object:
    """A case as a pytest parameter; cases with `xfail` are known failures, kept visible."""
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
    return pytest.param(case, id=case["name"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_clean_cases(case: dict) -> None:
    original = _input(case)
    result = clean(original)
    assert result.text == case["expected"]
    if "folded" in case:
        assert result.folded == case["folded"]
    if "match" in case:
        assert result.match_text == case["match"]
    assert_offsets_exact(original, result)


def test_clean_case_names_are_unique() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))


def test_clean_rules_data_file_loads_and_compiles() -> None:
    r = rules()
    assert set("。；！？：”") <= r.final
    assert r.min_fold >= 8
    for pattern in (r.page_number, r.heading, r.chrome, r.caption, r.short_furniture, r.md_prefix):
        assert isinstance(pattern, re.Pattern)
    raw = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / "src" / "mubiao" / "data" / "clean.yaml").read_text("utf-8")
    )
    for key in ("page_number", "heading"):
        assert raw[key] and all(isinstance(p, str) for p in raw[key])
    assert raw["chrome"]["tokens"] and raw["captions"]["patterns"]


def test_clean_original_span_maps_back_to_the_quote() -> None:
    original = "　　全市 GDP 总量突破 3500 亿元（预计数，下同\n），年均增长 7.4%。"
    result = clean(original)
    start = result.text.index("3500亿元")
    s, e = result.original_span(start, start + len("3500亿元"))
    assert original[s:e] == "3500 亿元"
    s, e = result.original_span(result.text.index("下同"), result.text.index("年均"))
    assert original[s:e] == "下同\n），"
    assert result.original_span(0, 0) == (result.offsets[0],) * 2
    with pytest.raises(ValueError):
        result.original_span(3, len(result.text) + 1)


def test_clean_match_text_is_text_when_already_simplified() -> None:
    result = clean("全市GDP增长7.4%。")
    assert result.match_text is result.text or result.match_text == result.text


def test_clean_to_simplified_keeps_length() -> None:
    text = "衡陽市人民政府工作報告，髮型與頭髮，乾隆年間。"
    assert len(to_simplified(text)) == len(text)


def test_clean_is_furniture() -> None:
    assert is_furniture("— 12 —")
    assert is_furniture("字号：大 中 小")
    assert not is_furniture("全市GDP增长7%。")


# --------------------------------------------------------------------------- seeds

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared seeds not found at {SHARED}")


@needs_shared
def test_clean_folds_the_eightfold_report_quickly() -> None:
    path = SHARED / "seeds" / "001_3eaa4c9bae635409.txt"
    text = path.read_text(encoding="utf-8")
    clean("预热")  # load the rules and OpenCC once
    start = time.perf_counter()
    result = clean(text)
    elapsed = time.perf_counter() - start
    assert elapsed < 0.5, f"clean() took {elapsed:.3f} s on {len(text)} characters"
    assert result.folded == 7 * 73
    assert result.text.count("\n") + 1 == 73
    assert_offsets_exact(text, result)


@needs_shared
@pytest.mark.parametrize("name", sorted(p.name for p in (SHARED / "seeds").glob("*.txt")) if SHARED.is_dir() else [])
def test_clean_seed_offsets_are_exact(name: str) -> None:
    text = (SHARED / "seeds" / name).read_text(encoding="utf-8")
    assert_offsets_exact(text, clean(text))


# --------------------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("衡阳市政府工作报告增长亿元万人贫困")
    + list("0123456789.%")
    + list("AbZ")
    + [" ", "\u3000", "\t", "\n", "\n\n", "\r\n", "\r"]
    + ["**", "__", "#", "## ", "> ", "- ", "* ", "`", "~~"]
    + list("。，；：！？“”（）《》【】、—-■▲")
    + ["&amp;", "&nbsp;", "&#12288;", "&bogus;", "第", "页", "— 3 —", "图为", "来源：", "\u200b", "\ufeff", "\x00", "\x1b", "\ud800", "陽", "髮"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_clean_never_raises_and_offsets_stay_in_range(text: str) -> None:
    result = clean(text)
    assert len(result.offsets) == len(result.text) == len(result.match_text)
    assert list(result.offsets) == sorted(result.offsets)
    assert all(0 <= o < len(text) for o in result.offsets)
    assert result.folded >= 0
    assert "\n\n" not in result.text
    assert result.text == result.text.strip()


def test_clean_folds_a_copy_that_differs_in_width_and_spaces_at_its_ends() -> None:
    """The cheap signature that skips the fold must not hide a copy: spaces and full-width
    digits at a paragraph's ends change neither its folded length nor its folded ends."""
    first = "全市地区生产总值增长８．５％，城镇新增就业５万人，居民收入稳步增长。"
    copy = "　全市 地区生产总值增长8.5%，城镇新增就业5万人，居民收入稳步增长 。"
    result = clean(f"{first}\n\n另一段完全不同的正文内容，写得足够长。\n\n{copy}\n")
    assert result.folded == 1


def test_clean_white_space_list_is_the_white_space_class() -> None:
    """`_WS_STRIP` (for str.strip and the fast patterns) lists exactly the code points the
    white-space class `_WS_CHARS` matches, over the whole of Unicode."""
    from mubiao import clean as module

    klass = re.compile(f"[{module._WS_CHARS}]")
    expected = {c for c in map(chr, range(0x110000)) if klass.match(c)}
    assert set(module._WS_STRIP) == expected


def test_clean_markdown_marks_cover_what_the_markdown_patterns_start_with() -> None:
    """A line with none of `markdown.marks` is given no markdown edit (the fast path): so no
    other character may start a match of the line-prefix or inline pattern."""
    r = rules()
    marks = set(yaml.safe_load((Path(__file__).resolve().parents[1] / "src" / "mubiao" / "data" / "clean.yaml")
                               .read_text(encoding="utf-8"))["markdown"]["marks"])
    for code in range(0x3100):
        c = chr(code)
        if c in marks:
            continue
        assert r.md_prefix.match(c + " 正文") is None or r.md_prefix.match(c + " 正文").end() == 0, repr(c)
        assert r.md_inline.match(c * 3) is None, repr(c)


@pytest.mark.parametrize(
    "line",
    ["  衡阳市　政府工作报告  ", "**【举措一】**加快建设", "# 一、过去一年", "收入&nbsp;增长", "- 项目一", "年均增长8.5%左右"],
)
def test_clean_lines_with_and_without_edits_clean_as_before(line: str) -> None:
    """Lines that take the fast path (nothing to edit) and those that do not give the text
    the slow path gives: every edit applied, offsets exact."""
    result = clean(line + "\n第二段正文。\n")
    first = result.text.split("\n")[0]
    assert "*" not in first and "#" not in first and "&nbsp;" not in first and "　" not in first
    assert first.strip() == first
    assert_offsets_exact(line + "\n第二段正文。\n", result)
