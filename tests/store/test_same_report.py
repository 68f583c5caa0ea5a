"""One document per report: copies in other formats and scripts, and notes beside reports, are not stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import opencc
from sqlalchemy import func, select

from mubiao.store import Store
from mubiao.store import schema as s
from mubiao.store.nearcopy import THRESHOLD, similarity

REPORT = """2023年某某市政府工作报告

一、2022年工作回顾

全市地区生产总值增长4.5%，新增城镇就业5.2万人，规模以上工业增加值增长6.1%。

过去一年，我们坚持稳中求进工作总基调，统筹发展和安全，扎实推进产业转型升级，城乡面貌持续改善，
群众获得感不断增强。我们深化重点领域改革，优化营商环境，激发市场主体活力，推动开放型经济加快发展。

我们也清醒看到，经济恢复的基础还不牢固，科技创新能力还不够强，民生保障还有不少短板，
一些干部的作风和能力与新时代的要求还有差距。我们将直面问题，采取有力措施切实加以解决。

二、2023年工作安排

地区生产总值增长7%左右，一般公共预算收入增长6%，城镇调查失业率控制在5.5%以内。

今年政府工作的总体要求是：坚持以人民为中心的发展思想，完整准确全面贯彻新发展理念，
着力扩大有效需求，着力推进高质量发展，着力保障和改善民生，着力防范化解重大风险。
"""


def _documents(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(s.documents)).scalar_one())


def test_folder_walk_skips_notes_and_says_so(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "2023.txt").write_text(REPORT, encoding="utf-8")
    (folder / "README.md").write_text("# 说明\n\n这些报告来自某某市人民政府网站，2023年下载。\n", encoding="utf-8")
    (folder / "SOURCES.md").write_text("2022年全国政府工作报告 http://example.org/2022\n", encoding="utf-8")
    (folder / "LICENSE-text.txt").write_text("公开的政府文件。\n", encoding="utf-8")
    summary = store.ingest(folder)
    assert [Path(o.path).name for o in summary.ingested] == ["2023.txt"]
    assert sorted(Path(p).name for p in summary.skipped) == ["LICENSE-text.txt", "README.md", "SOURCES.md"]
    assert "3 skipped as not reports: " in str(summary)
    named = store.ingest(folder / "README.md")  # a file named explicitly is always read
    assert [o.status for o in named.outcomes] == ["ingested"] and not named.skipped


def test_same_report_in_another_script_and_spacing_is_one_document(store: Store, tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text(REPORT, encoding="utf-8")
    traditional = tmp_path / "traditional.txt"
    traditional.write_text(opencc.OpenCC("s2t").convert(REPORT), encoding="gb18030", errors="replace")
    spaced = tmp_path / "spaced.txt"  # full-width digits and punctuation, spaces inside words
    spaced.write_text(REPORT.replace("全市", "全 市").replace("4.5", "４.５").replace("，", ", "), encoding="utf-8")
    first = store.ingest(plain)
    again = store.ingest([traditional, spaced])
    assert [o.status for o in first.outcomes] == ["ingested"]
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"], again.outcomes
    doc = first.outcomes[0].document_id
    assert all(o.reason == f"same report as document {doc} (plain.txt)" for o in again.outcomes)
    assert "same report as document" in str(again)
    assert _documents(store) == 1


def test_same_wording_with_other_figures_is_another_document(store: Store, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(REPORT, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(REPORT.replace("7%左右", "6.5%左右"), encoding="utf-8")  # a corrected edition
    assert similarity(REPORT, b.read_text(encoding="utf-8")) >= THRESHOLD  # the text alone would merge them
    summary = store.ingest([a, b])
    assert [o.status for o in summary.outcomes] == ["ingested", "ingested"]


def test_shared_formats_folder_one_document_per_report(tmp_path: Path, shared: Path) -> None:
    """../shared/formats: PDF and DOCX of one report, HTML, GB18030, traditional, unnumbered, and a README."""
    with Store(f"sqlite:///{tmp_path / 'f.db'}") as store:
        summary = store.ingest(shared / "formats")
        names = sorted(store.documents()["name"])
    assert summary.ok and [Path(p).name for p in summary.skipped] == ["README.md"]
    stems = sorted({n.rsplit(".", 1)[0] for n in names})
    assert len(names) == len(stems) == 5, names  # 000, 002, 003, 004 and chongqing_2026
    assert "README.md" not in names


def test_seeds_after_formats_add_only_the_report_not_there(tmp_path: Path, shared: Path) -> None:
    folder = tmp_path / "formats"
    shutil.copytree(shared / "formats", folder)
    with Store(f"sqlite:///{tmp_path / 'f.db'}") as store:
        store.ingest(folder)
        summary = store.ingest(shared / "seeds")
    assert [Path(o.path).name for o in summary.ingested] == ["001_3eaa4c9bae635409.txt"]
    assert len(summary.unchanged) == 4


def test_report_whose_headings_lost_their_numbers_is_the_same_report(tmp_path: Path, shared: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'f.db'}") as store:
        store.ingest(shared / "corpus" / "provinces2026" / "chongqing_2026.txt")
        summary = store.ingest(shared / "formats" / "unnumbered" / "chongqing_2026.txt")
    assert [o.reason for o in summary.outcomes] == ["same report as document 1 (chongqing_2026.txt)"]
