"""Load the language data shipped beside the code (units, comparators, verbs, years)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """Parse `mubiao/data/NAME` once per process."""
    text = resources.files("mubiao").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
