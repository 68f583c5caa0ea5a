"""The 目标篇 digest of a report: one 关键词 per plan section, every target in bold, DOCX and HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

from docx import Document as open_docx

from mubiao.digest import build_digest, to_html, to_markdown, write_digest

from .conftest import GOLD, SAMPLES, shared_dir, source_of, squeeze

BOLD = re.compile(r"\*\*(.+?)\*\*")


def _plan_sections(source) -> list[str]:
    """The （一）… sections of the part titled …工作安排, read from the structure directly."""
    parts = [s for s in source.structure.sections if s.level == 1 and "工作安排" in s.title]
    assert len(parts) == 1
    part = parts[0]
    return [s.title for s in source.structure.sections if s.level == 2 and part.start <= s.start < part.end]


def test_digest_report_one_keyword_per_plan_section(report) -> None:
    _year, source, md = report
    sections = _plan_sections(source)
    keywords = re.findall(r"^## 关键词：(.+)$", md, flags=re.MULTILINE)
    assert len(keywords) == len(sections) == 9
    assert all(2 <= len(k) <= 14 for k in keywords)
    digest = build_digest(source)
    assert [k.source for k in digest.keywords] == sections


def test_digest_report_keyword_theme_from_heading() -> None:
    digest = build_digest(source_of(SAMPLES["2021"]))
    assert digest.keywords[0].theme == "创新型城市建设"
    assert digest.title == "2021年衡阳市政府工作报告解读·目标篇"
    assert digest.lead and "9个方面" in digest.lead


def test_digest_report_one_measure_per_paragraph(report) -> None:
    _year, source, md = report
    measures = re.findall(r"^### 【举措([一二三四五六七八九十]+)】(.+)$", md, flags=re.MULTILINE)
    assert len(measures) >= 27
    digest = build_digest(source)
    for keyword in digest.keywords:
        assert keyword.measures, keyword.theme
        assert all(m.heading.endswith(("。", "！", "？")) for m in keyword.measures)


def _bold_lines(md: str) -> list[tuple[str, list[str]]]:
    return [(squeeze(line), BOLD.findall(line)) for line in md.splitlines() if "**" in line]


def _number_text(quote: str, value: float) -> str | None:
    """The number of a record as written in its quote (8.5, 1200), when written in digits."""
    for found in re.findall(r"\d+(?:\.\d+)?", quote):
        if abs(float(found) - value) < 1e-9:
            return found
    return None


def _assert_bold(md: str, quote: str, value: float) -> None:
    q = squeeze(quote)
    number = _number_text(q, value)
    lines = [(line, bolds) for line, bolds in _bold_lines(md) if q in line]
    assert lines, f"sentence of {quote!r} not in the digest"
    ok = any(any((number is None or number in b) and squeeze(b) in q for b in bolds) for _line, bolds in lines)
    assert ok, f"{number or quote!r} not in bold next to {quote!r}"


def test_digest_report_pipeline_targets_in_bold(report) -> None:
    _year, source, md = report
    targets = [r for r in source.document.records if r.kind == "target"]
    assert len(targets) >= 30
    for record in targets:
        _assert_bold(md, record.quote, record.value)


def test_digest_report_gold_targets_in_bold(report) -> None:
    year, _source, md = report
    gold = shared_dir() / "gold" / GOLD[year]
    targets = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    targets = [t for t in targets if t["kind"] == "target"]
    assert targets
    for target in targets:
        _assert_bold(md, target["quote"], target["value"])


def test_digest_report_target_table_lists_every_target(report) -> None:
    _year, source, md = report
    table = md[md.index("## 量化目标一览"):]
    rows = [line for line in table.splitlines() if re.match(r"^\| \d+ \|", line)]
    assert len(rows) == sum(r.kind == "target" for r in source.document.records)


def test_digest_report_docx_has_the_heading_structure(report, tmp_path: Path) -> None:
    _year, source, _md = report
    digest = build_digest(source)
    path = write_digest(digest, tmp_path / "digest.docx")
    doc = open_docx(str(path))
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    assert styles[0] == ("Title", digest.title)
    keywords = [t for s, t in styles if s == "Heading 1" and t.startswith("关键词")]
    measures = [t for s, t in styles if s == "Heading 2" and t.startswith("【举措")]
    assert len(keywords) == len(digest.keywords)
    assert len(measures) == sum(len(k.measures) for k in digest.keywords)
    bold = [r.text for p in doc.paragraphs for r in p.runs if r.bold and p.style.name == "Normal"]
    assert any("8.5%" in b for b in bold)
    table = doc.tables[-1]
    assert [c.text for c in table.rows[0].cells] == digest.words["target_columns"]
    assert len(table.rows) == len(digest.targets) + 1


def test_digest_report_html_escapes_document_text(tmp_path: Path) -> None:
    text = ("2022年某市政府工作报告\n三、2022年工作安排\n（一）着力推进<b>创新</b>&发展。\n"
            "建设<script>alert(1)</script>园区。力争高新技术企业突破100家。\n")
    page = to_html(build_digest(text))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<strong>" in page and "&amp;" in page
    md = to_markdown(build_digest(text))
    assert "**力争高新技术企业突破100家**" in md


def test_digest_report_without_sections_uses_paragraph_leads() -> None:
    text = ("2022年某县政府工作报告\n三、2022年工作安排\n"
            "着力稳定经济增长。力争地区生产总值增长7%左右。\n"
            "着力改善民生福祉。新建学校3所，年内建成县人民医院。\n")
    digest = build_digest(text)
    assert [k.theme for k in digest.keywords] == ["稳定经济增长", "民生福祉"]
    assert "**力争地区生产总值增长7%左右**" in to_markdown(digest)
