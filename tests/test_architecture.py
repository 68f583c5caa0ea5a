"""Imports run downward only: a stage never imports a later stage, and no packages import each other in a circle.

The stages, bottom up (docs/architecture.md): the floor (language facts in
`lang`, the error catalogue, the model, the export registry), loading and
cleaning, structure, extraction, the pipeline, the store, tracking, the
digest, and the faces on top (web, cli). Every `import` of src/mubiao is read
with `ast`, including those inside functions and under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "mubiao"

#: The stage of each part of the package (the first name under mubiao); lower may not import higher.
STAGES: dict[str, int] = {
    "errors": 0, "model": 0, "lang": 0, "export": 0, "samples": 0, "budget": 0,
    "load": 1, "clean": 1,
    "structure": 2,
    "extraction": 3,
    "pipeline": 4,
    "store": 5,
    "track": 6,
    "digest": 7,
    "web": 8, "cli": 8, "__init__": 8,
    "__main__": 9,
}  # fmt: skip


def _modules() -> dict[str, Path]:
    """Dotted module name → file, for every module of src/mubiao."""
    found = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path) -> set[str]:
    """The mubiao modules `module` imports (absolute and relative), wherever the import stands."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in names if name == "mubiao" or name.startswith("mubiao.")}


def _part(module: str) -> str:
    """The stage key of a module: mubiao.lang.units → lang, mubiao → __init__."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


MODULES = _modules()
EDGES = {name: {i for i in _imports(name, path) if i in MODULES} for name, path in MODULES.items()}


def test_architecture_every_part_has_a_stage() -> None:
    parts = {_part(name) for name in MODULES if "migrations" not in name}
    assert parts <= set(STAGES), f"parts without a stage in STAGES (and docs/architecture.md): {parts - set(STAGES)}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_architecture_no_module_imports_a_later_stage(module: str) -> None:
    own = STAGES.get(_part(module))
    if own is None:
        pytest.skip("not a stage")
    later = sorted(i for i in EDGES[module] if STAGES.get(_part(i), -1) > own)
    assert not later, f"{module} (stage {own}) imports later stages: {later}"


def test_architecture_no_circle_between_packages() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, targets in EDGES.items():
        for target in targets:
            if _part(target) != _part(module):
                graph[_part(module)].add(_part(target))
    assert _cycles(graph) == []


def test_architecture_no_circle_between_modules() -> None:
    graph = {module: {t for t in targets if t != module and not module.startswith(t + ".")}
             for module, targets in EDGES.items()}
    assert _cycles(graph) == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups
