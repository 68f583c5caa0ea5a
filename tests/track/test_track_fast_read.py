"""Tracking a whole store reads it fast and judges exactly as before (issue 10, item 6).

`service.track` reads the records through `Store.tracking_records` (no section
paths, the stored canonical names) and links them with `verdict.link`'s
outcome index. These tests hold it to the verdicts of the full read:

- the verdicts of the seeds store and of the national corpus store equal the
  ones saved from the code before the fast read (`tests/data/track_verdicts_*.tsv`:
  per target its record ids, verdict and a digest of the whole verdict, so no
  report text is copied here). After a deliberate change of the verdict rules,
  write them again with `python -m tests.track.test_track_fast_read` and say
  so in the commit;
- they equal what `verdict.link` gives on the full Records of `record_list`,
  resolving every name itself;
- stored canonical names are what linking uses.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from mubiao.samples import sample_paths
from mubiao.store import Store
from mubiao.track import service
from mubiao.track import verdict as V

from .track_helpers import GOLD, make

NATIONAL = GOLD.parent / "corpus" / "national"
SAVED = Path(__file__).resolve().parents[1] / "data"


def _seeds(url: str) -> Store:
    store = Store(url)
    store.ingest(sample_paths(), region="衡阳市")
    return store


def _national(url: str) -> Store:
    store = Store(url)
    for path in sorted(NATIONAL.glob("national_*.txt")):
        store.ingest([path], region="全国", year=int(path.stem.split("_")[1]))
    return store


BUILDERS = {"seeds": _seeds, "national": _national}


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    name = request.param
    if name == "national" and not NATIONAL.is_dir():
        pytest.skip(f"../shared/corpus/national is not on this machine ({NATIONAL})")
    store = BUILDERS[name](f"sqlite:///{tmp_path_factory.mktemp(name)}/s.db")
    yield name, store
    store.close()


def digest_rows(verdicts: list[V.Verdict]) -> list[str]:
    """One line per verdict: target id, verdict, outcome id and a digest of the whole `to_dict()`."""
    rows = []
    for v in verdicts:
        whole = json.dumps(v.to_dict(), ensure_ascii=False, sort_keys=True)
        rows.append(f"{v.target_record_id}\t{v.verdict}\t{v.outcome_record_id}\t{hashlib.sha256(whole.encode()).hexdigest()[:16]}")
    return rows


def saved_path(name: str) -> Path:
    return SAVED / f"track_verdicts_{name}.tsv"


def test_verdicts_equal_the_saved_ones(built: tuple[str, Store]) -> None:
    """Every verdict, reason and outcome included, is the one the full read gave before the fast read."""
    name, store = built
    saved = saved_path(name).read_text(encoding="utf-8").splitlines()
    now = digest_rows(service.track(store))
    changed = [(old, new) for old, new in zip(saved, now, strict=False) if old != new]
    assert len(now) == len(saved) and not changed, f"{len(now)} verdicts vs {len(saved)} saved; first changes: {changed[:3]}"


def test_fast_read_judges_as_the_full_read(built: tuple[str, Store]) -> None:
    """`track` equals `verdict.link` over the full Records of `record_list`, names resolved by the linker."""
    _, store = built
    records = store.record_list()
    reference = V.link(
        [r for r in records if r.kind == "target"],
        [r for r in records if r.kind == "achievement"],
        mappings=service.mappings(store),
        reported_years=service._reported_years(store, records, None),
    )
    fast = service.track(store)
    assert fast and [v.to_dict() for v in fast] == [v.to_dict() for v in reference]


def test_tracking_records_are_the_stored_records_without_their_sections(built: tuple[str, Store]) -> None:
    """The tracker's read holds every record, in order, with all a verdict needs (no section, no number text)."""
    _, store = built
    full = store.record_list()
    read, names = store.tracking_records()
    assert read == [replace(r, section=(), number_text="") for r in full]
    assert [r.extra for r in read] == [r.extra for r in full]
    table = store.records()
    assert names == {i: c if isinstance(c, str) else None for i, c in zip(table["indicator"], table["canonical"], strict=True)}


def test_tracking_records_read_alike_on_both_databases(db_url: str) -> None:
    """The driver's own rows (SQLite's 0/1 headline, PostgreSQL's booleans) make the same Records and verdicts."""
    with Store(db_url) as store:
        store.ingest(sample_paths(), region="衡阳市")
        full = store.record_list()
        read, _ = store.tracking_records(region="衡阳市")
        assert read == [replace(r, section=(), number_text="") for r in full]
        assert all(isinstance(r.headline, bool) and isinstance(r.value, float) for r in read)
        assert any(r.headline for r in read)
        reference = V.link(
            [r for r in full if r.kind == "target"], [r for r in full if r.kind == "achievement"],
            mappings=service.mappings(store), reported_years=service._reported_years(store, full, None),
        )  # fmt: skip
        assert [v.to_dict() for v in service.track(store)] == [v.to_dict() for v in reference]


def test_tracking_uses_the_stored_canonical_names(tmp_path: Path) -> None:
    """Linking takes `records.canonical` as stored (resolved at ingest), without resolving the indicator again."""
    store = Store(f"sqlite:///{tmp_path}/s.db")
    store.ingest(sample_paths(), region="衡阳市")
    before = service.track(store)
    target = next(v for v in before if v.canonical == "地区生产总值")
    same_indicator = store.records(kind="target")
    ids = [int(i) for i in same_indicator.loc[same_indicator["indicator"] == target.indicator, "record_id"]]
    store.set_canonical({rid: "一般公共预算收入" for rid in ids})
    after = {v.target_record_id: v for v in service.track(store)}
    assert all(after[rid].canonical == "一般公共预算收入" for rid in ids)


@pytest.mark.parametrize("order", [("x", "y"), ("y", "x")])
def test_an_outcome_of_the_targets_own_document_is_set_apart_per_target(order: tuple[str, str]) -> None:
    """Two targets asking the outcome index the same question: only the one from another document may use the outcome."""
    targets = {
        doc: make("target", "地区生产总值", 7, measure="growth", comparator="~", year=2020, report_year=2020, doc=f"{doc}.txt")
        for doc in ("x", "y")
    }
    outcome = make("achievement", "地区生产总值", 8, measure="growth", year=2020, report_year=2021, doc="x.txt")
    verdicts = dict(zip(order, V.link([targets[d] for d in order], [outcome], reported_years={"衡阳市": {2020}}, today=2030)))
    assert verdicts["y"].verdict == "met" and verdicts["y"].outcome_quote == outcome.quote
    assert verdicts["x"].verdict == "no data" and verdicts["x"].outcome_quote is None


def _write_saved() -> None:
    """Write tests/data/track_verdicts_*.tsv from the current code (after a deliberate change of the rules)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name, build in BUILDERS.items():
            store = build(f"sqlite:///{tmp}/{name}.db")
            saved_path(name).write_text("\n".join(digest_rows(service.track(store))) + "\n", encoding="utf-8")
            store.close()
            print(f"wrote {saved_path(name)}")


if __name__ == "__main__":
    sys.exit(_write_saved())
