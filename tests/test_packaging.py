"""Every package mubiao's source imports is a direct dependency in pyproject.toml (issue 15, item 11).

A package that arrives only through another one's dependencies or extras (lxml_html_clean
through lxml[html_clean]) is skipped by some pips, and then every HTML input failed.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Packages a dependency needs at run time but mubiao does not import itself.
INDIRECT_BUT_REQUIRED = {"lxml_html_clean", "cryptography"}


def _imported_top_names() -> set[str]:
    names = set()
    for path in (ROOT / "src" / "mubiao").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n != "mubiao" and n not in sys.stdlib_module_names}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_normal(re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0]) for spec in project["dependencies"]}


def test_every_imported_package_is_a_direct_dependency() -> None:
    distributions = packages_distributions()
    declared = _declared()
    missing = {}
    for name in sorted(_imported_top_names()):
        dists = {_normal(d) for d in distributions.get(name, [name])}
        if not dists & declared:
            missing[name] = sorted(dists)
    assert not missing, f"imported but not in pyproject's dependencies: {missing}"


def test_packages_needed_through_extras_are_declared() -> None:
    assert {_normal(n) for n in INDIRECT_BUT_REQUIRED} <= _declared()
