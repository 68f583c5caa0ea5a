"""A press interpretation given as input: its own 关键词 and 【举措】 come back, exactly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mubiao.digest import build_digest, to_markdown, write_digest

from .conftest import INTERPRETATIONS, shared_dir, source_of, squeeze

KEYWORD = re.compile(r"^关键词[：:]?(.+)$")
MEASURE = re.compile(r"^(【举措[一二三四五六七八九十]+】[^。！？]*[。！？])")


def raw_outline(path: Path) -> list[tuple[str, list[str]]]:
    """关键词 and 【举措】 titles read from the raw file with plain regexes (marks and spaces removed)."""
    outline: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = squeeze(line)
        if found := KEYWORD.match(line):
            outline.append((found.group(1), []))
        elif (found := MEASURE.match(line)) and outline:
            outline[-1][1].append(found.group(1))
    return outline


@pytest.mark.parametrize("name", INTERPRETATIONS)
def test_digest_interpretation_recovers_its_own_outline(name: str) -> None:
    path = shared_dir() / "seeds" / name
    expected = raw_outline(path)
    assert expected and all(measures for _k, measures in expected)
    digest = build_digest(source_of(path))
    got = [(squeeze(k.theme), [squeeze(digest.measure_title(n, m)) for n, m in enumerate(k.measures, 1)])
           for k in digest.keywords]
    assert got == expected


@pytest.mark.parametrize("name", INTERPRETATIONS)
def test_digest_interpretation_markdown_outline(name: str) -> None:
    path = shared_dir() / "seeds" / name
    expected = raw_outline(path)
    md = to_markdown(build_digest(source_of(path)))
    keywords = [squeeze(k) for k in re.findall(r"^## 关键词：(.+)$", md, flags=re.MULTILINE)]
    measures = [squeeze(m) for m in re.findall(r"^### (【举措.+)$", md, flags=re.MULTILINE)]
    assert keywords == [k for k, _m in expected]
    assert measures == [m for _k, ms in expected for m in ms]


def test_digest_interpretation_targets_bold_and_docx(tmp_path: Path) -> None:
    path = shared_dir() / "seeds" / INTERPRETATIONS[0]
    source = source_of(path)
    digest = build_digest(source)
    md = to_markdown(digest)
    for record in (r for r in source.document.records if r.kind == "target"):
        assert any(squeeze(b) in squeeze(record.quote) for b in re.findall(r"\*\*(.+?)\*\*", md)), record.quote
    from docx import Document as open_docx

    doc = open_docx(str(write_digest(digest, tmp_path / "d.docx")))
    assert sum(p.style.name == "Heading 1" and p.text.startswith("关键词") for p in doc.paragraphs) == len(digest.keywords)
