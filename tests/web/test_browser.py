"""The dashboard in a real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core (Node).

The checks themselves are in browser.mjs; this test starts the server, runs the
script and asserts on what it reports. Screenshots go to screenshots/ at the
repository root (ignored by git), or to $MUBIAO_SCREENSHOTS.
Skips, saying why, where node, playwright-core (`npm install`) or chromium is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

#: A real browser against a live server: deselect with -m 'not slow'.
pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).with_name("browser.mjs")
CHROMIUM = os.environ.get("MUBIAO_CHROMIUM", "/usr/bin/chromium")


def _requirements() -> str | None:
    """Why the browser test cannot run here, or None."""
    node = shutil.which("node")
    if node is None:
        return "node is not installed (apt-get install nodejs)"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium; or set MUBIAO_CHROMIUM)"
    found = subprocess.run([node, "-e", "require.resolve('playwright-core')"], cwd=ROOT, capture_output=True, check=False)
    if found.returncode != 0:
        return "playwright-core is not installed: run `npm install` at the repository root (no browser download)"
    return None


@pytest.fixture(scope="module")
def browser_report(live_server: str, web_store: tuple[str, dict[str, int]],
                   tmp_path_factory: pytest.TempPathFactory) -> dict:
    reason = _requirements()
    if reason:
        pytest.skip(reason)
    from mubiao.web.publish import publish

    site = tmp_path_factory.mktemp("static-site") / "site"
    publish(web_store[0], site)
    shots = Path(os.environ.get("MUBIAO_SCREENSHOTS", ROOT / "screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    ids = web_store[1]
    config = {
        "chromium": CHROMIUM,
        "document": ids["2021_衡阳市政府工作报告.txt"],
        "hostile": ids["hostile"],
        "region": "衡阳市",
        "query": "污染防治",
        "static_site": str(site),
        "compare_year": 2021,
    }
    run = subprocess.run(
        ["node", str(SCRIPT), live_server, str(shots), json.dumps(config, ensure_ascii=False)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert run.returncode == 0, f"browser script failed:\n{run.stderr[-4000:]}"
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_browser_no_console_errors_or_dialogs(browser_report: dict) -> None:
    assert browser_report["console_errors"] == []
    assert browser_report["page_errors"] == []
    assert browser_report["dialogs"] == [], "a document's text ran as script"
    assert [r for r in browser_report["failed_requests"] if "off-site" in r] == [], "something loaded from outside"


def test_browser_overview_shows_counts_and_chart(browser_report: dict) -> None:
    page = browser_report["pages"]["overview"]
    assert page["h1"] == "概览"
    assert page["stats"] == 4


def test_browser_document_click_shows_record_fields(browser_report: dict) -> None:
    page = browser_report["pages"]["document"]
    assert page["marks"] > 50
    assert page["outline"] > 3
    assert page["fields"] == ["指标", "数值", "单位", "比较", "口径", "年份", "原文"]
    assert page["indicator"].strip()
    assert page["verdict_link"].startswith("/verdicts/")


def test_browser_verdict_page_quotes(browser_report: dict) -> None:
    page = browser_report["pages"]["verdict"]
    assert page["h1"].startswith("判定")
    assert page["quotes"] >= 1
    assert page["back"]["href"].endswith(f"#r{page['back']['shown']}"), "the link shows the target in its document"


def test_browser_tracker_charts_drawn(browser_report: dict) -> None:
    page = browser_report["pages"]["tracker"]
    assert page["charts"] >= 1
    assert page["canvases"] >= 1
    assert page["painted"] >= 1, "chart canvases are blank"
    assert page["badges"] >= 1


def test_browser_records_search_diff(browser_report: dict) -> None:
    pages = browser_report["pages"]
    assert pages["records"]["rows"] == 50
    assert pages["search"]["hits"] >= 1 and pages["search"]["marks"] >= 1
    assert pages["diff"]["rows"] >= 1


def test_browser_hostile_document_is_text(browser_report: dict) -> None:
    page = browser_report["pages"]["hostile"]
    assert page == {"injected_img": 0, "injected_script": 0, "pwned": False, "text_has_tag": True}


def test_browser_api_docs_offline(browser_report: dict) -> None:
    assert browser_report["pages"]["docs"]["operations"] >= 15


def test_browser_evidence_link_lands_on_the_passage(browser_report: dict) -> None:
    landed = browser_report["pages"]["verdict"]["landed"]
    assert landed and landed["in_text"] and landed["in_view"], "the 出处 link shows the marked passage, not the table row"


def test_browser_pie_slice_opens_the_verdict_list(browser_report: dict) -> None:
    assert "/verdicts?verdict=" in browser_report["pages"]["pie"]["url"]
    assert browser_report["pages"]["verdicts"]["rows"] >= 1 and browser_report["pages"]["verdicts"]["counts"] >= 2


def test_browser_upload_file_button_in_chinese(browser_report: dict) -> None:
    page = browser_report["pages"]["upload"]
    assert page["button"] == "选择文件…" and not page["english"], "the browser's own (English) button is not shown"
    assert page["label_for"] and page["input_area"] <= 1, "the label stands for the input, which is out of sight"
    assert page["files"] == 1 and page["chosen"] == "2023年某市政府工作报告.txt", "the chooser opened and the name shows"
    assert page["focused"] and page["outline"] != "none", "keyboard users reach the input and see where they are"


def test_browser_docs_have_a_way_back(browser_report: dict) -> None:
    assert browser_report["pages"]["docs"]["back"] >= 1


def test_browser_phone_pages_fit_the_screen(browser_report: dict) -> None:
    phone = browser_report["phone"]
    wide = {name: p["width"] for name, p in phone.items() if name != "tap" and p["width"] > p["viewport"]}
    assert wide == {}, f"pages wider than 390 px: {wide}"


def test_browser_phone_panel_opens_beside_the_tapped_mark(browser_report: dict) -> None:
    tap = browser_report["phone"]["tap"]
    assert 0 <= tap["panel_top"] < tap["height"] and tap["panel_bottom"] <= tap["height"] + 1, "the panel is on screen"


def test_browser_static_site_works_from_the_disk(browser_report: dict) -> None:
    site = browser_report["static"]
    assert site["offline"] == [], "the static site loads nothing from a server"
    assert site["tracker"].startswith("file://") and site["tracker"].endswith("/index.html")
    assert "/verdicts/" in site["verdict"] and "/documents/" in site["document"] and "#r" in site["document"]
    assert site["panel_link"].endswith("/index.html"), "links built by scripts point at files too"
@pytest.mark.parametrize("width", ["compare", "compare_phone"])
def test_browser_compare_page_table_chart_and_width(browser_report: dict, width: str) -> None:
    page = browser_report["pages"][width]
    assert page["rows"] >= 1 and page["summary"] >= 3 and page["downloads"] == 8
    assert page["painted"], "the compare chart is blank"
    assert page["page_width"] <= page["viewport"], "the page is wider than the screen"
