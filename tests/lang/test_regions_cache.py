"""The division table's cache file: the same table as read from the CSV, remade when damaged,
never an error when it cannot be written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mubiao.lang import regions


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder, and the process's table forgotten before and after."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MUBIAO_CACHE", str(folder))
    regions._table.cache_clear()
    yield folder
    regions._table.cache_clear()


def _built() -> regions._Table:
    path, package = regions._csv_path()
    return regions._build_table(path, package)


def test_the_first_read_writes_the_cache_and_the_next_reads_the_same_table(cache: Path) -> None:
    first = regions._table()
    files = list(cache.glob("regions-*.json"))
    assert len(files) == 1
    regions._table.cache_clear()
    again = regions._table()
    assert again is not first
    assert again == _built()
    assert again.by_name["鼓楼区"] == first.by_name["鼓楼区"] and len(again.by_name["鼓楼区"]) > 1
    assert regions.normalize("衡阳") == "衡阳市" and regions.ancestors("衡南县") == ["衡阳市", "湖南省", "全国"]


def test_a_damaged_cache_file_is_remade(cache: Path) -> None:
    regions._table()
    (file,) = cache.glob("regions-*.json")
    file.write_text('{"regions": [["衡阳市", "city"', encoding="utf-8")
    regions._table.cache_clear()
    assert regions._table() == _built()
    assert file.read_text(encoding="utf-8").startswith('{"regions": [[')
    assert len(file.read_text(encoding="utf-8")) > 10000


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("MUBIAO_CACHE", str(blocker))
    regions._table.cache_clear()
    try:
        assert regions.normalize("湖南") == "湖南省"
    finally:
        regions._table.cache_clear()


def test_the_cache_file_is_named_by_what_the_table_is_made_from(cache: Path) -> None:
    path, package = regions._csv_path()
    assert regions._cache_path(path, package) == regions._cache_path(path, package)
    assert regions._cache_path(path, package) != regions._cache_path(path, package + " other")
    assert regions._cache_path(path, package).parent == cache
