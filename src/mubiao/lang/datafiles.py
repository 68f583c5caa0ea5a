"""Load the language data shipped beside the code (units, comparators, verbs, years): the one YAML reader."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

#: libyaml's parser when PyYAML was built with it (several times faster: the vocabulary is read on
#: every cold start of the tracker), else the pure-Python one; both build the same safe types.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """Parse `mubiao/data/NAME` once per process (callers must not change what it returns)."""
    return yaml.load(data_path(name).read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader


def data_path(name: str) -> Path:
    """Where the packaged data file NAME lives."""
    return Path(str(resources.files("mubiao").joinpath("data", name)))


def read_yaml_file(path: str | Path) -> Any:
    """Parse a YAML file given by path (a user's own vocabulary, a test's copy), uncached."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
