"""Reports as they arrive in the wild grade within 0.03 F1 of the same seed's plain text.

../shared/formats/ holds seeds as an official-layout PDF, a DOCX, a GBK web page,
GB18030 text and traditional script (see its README).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import mubiao
from mubiao.clean import to_simplified
from tests.conftest import SEED_YEARS

FORMAT_FILES = [
    "004_6410479e007ff1ce.pdf",
    "004_6410479e007ff1ce.docx",
    "000_53f8f221e47aee4f.html",
    "gbk/003_1394a1d998285cb9.txt",
    "traditional/002_b395784ce1fb8773.txt",
]


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("gold_score", shared / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _f1(shared: Path, path: Path, stem: str) -> float:
    scorer = _scorer(shared)
    name = f"{stem}.txt"
    gold = [g for g in scorer.load(shared / "gold" / f"{stem}.jsonl")]
    records = mubiao.extract(path, region="衡阳市", year=SEED_YEARS[name])
    pred = []
    for record in records:
        row = record.to_dict()
        row["doc"] = name
        row["quote"] = to_simplified(row["quote"])
        pred.append(row)
    return scorer.score(gold, pred)[0]["f1"]


@pytest.mark.parametrize("relative", FORMAT_FILES)
def test_format_grades_like_plain_text(shared: Path, relative: str) -> None:
    path = shared / "formats" / relative
    if not path.exists():
        pytest.skip(f"{path} is not in this copy of ../shared/formats")
    stem = Path(relative).stem
    plain = _f1(shared, shared / "seeds" / f"{stem}.txt", stem)
    wild = _f1(shared, path, stem)
    assert wild >= plain - 0.03, f"{relative}: F1 {wild:.3f} against {plain:.3f} for the plain text"


def test_docx_reads_as_its_plain_text(shared: Path) -> None:
    """The DOCX of a report cleans to the same text, and gives the same records, as its plain text."""
    from mubiao.clean import clean
    from mubiao.load import load
    from mubiao.pipeline import read_document

    docx = shared / "formats" / "004_6410479e007ff1ce.docx"
    plain = shared / "seeds" / "004_6410479e007ff1ce.txt"
    assert clean(load(docx).text).text == clean(load(plain).text).text
    assert "全市GDP总量突破3500亿元" in clean(load(docx).text).text
    keys = [[(r.quote, r.value, r.unit, r.year) for r in read_document(p).records] for p in (docx, plain)]
    assert keys[0] == keys[1]
