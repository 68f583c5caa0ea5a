"""The compiled word lists of `data/tasks.yaml`: commitments, deadlines, projects, themes.

Kept apart from the code (see STYLE: language data as data) so that a reader can
extend the genre rules without touching the extractors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mubiao.lang.datafiles import load_yaml


def _alternation(words: list[str]) -> str:
    """One regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Status:
    """A project status and the words that must occur, in order, to give it."""

    status: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything the digest stage reads from `tasks.yaml`, compiled once."""

    strong_verbs: frozenset[str]
    verb_re: re.Pattern[str]
    not_commitment_re: re.Pattern[str]
    opener_re: re.Pattern[str]
    deadline_res: tuple[re.Pattern[str], ...]
    project_suffix_re: re.Pattern[str]
    project_follow_re: re.Pattern[str]
    project_cutter_re: re.Pattern[str]
    proper_tags: frozenset[str]
    concrete_statuses: frozenset[str]
    generic_heads: tuple[str, ...]
    generic_names: frozenset[str]
    project_breaks: str
    project_name_max: int
    project_name_min: int
    statuses: tuple[Status, ...]
    theme_opener_re: re.Pattern[str]
    theme_verb_re: re.Pattern[str]
    theme_min: int
    theme_max: int
    theme_conjunctions: tuple[str, ...]
    plan_plus: tuple[str, ...]
    plan_minus: tuple[str, ...]
    year_bonus: int
    goal_leads: tuple[str, ...]
    heading_sentence_max: int


@lru_cache(maxsize=1)
def rules() -> Rules:
    """Load and compile `mubiao/data/tasks.yaml` (once per process)."""
    data = load_yaml("tasks.yaml")
    verbs = data["commitment_verbs"]
    breaks = data["project_breaks"]
    return Rules(
        strong_verbs=frozenset(verbs["strong"]),
        verb_re=re.compile(_alternation(verbs["strong"] + verbs["ordinary"])),
        not_commitment_re=re.compile("|".join(f"(?:{p})" for p in data["not_commitments"])),
        opener_re=re.compile(f"(?:(?:{_alternation(data['task_openers'])})[，,]?)+"),
        deadline_res=tuple(re.compile(p) for p in data["deadlines"]),
        project_suffix_re=re.compile(_alternation(data["project_suffixes"])),
        project_follow_re=re.compile(_alternation(data["project_follow"])),
        project_cutter_re=re.compile(_alternation(data["project_cutters"])),
        proper_tags=frozenset(data["proper_tags"]),
        concrete_statuses=frozenset(data["concrete_statuses"]),
        generic_heads=tuple(sorted(data["generic_project_heads"], key=len, reverse=True)),
        generic_names=frozenset(data["generic_project_names"]),
        project_breaks=breaks,
        project_name_max=int(data["project_name_max"]),
        project_name_min=int(data["project_name_min"]),
        statuses=tuple(Status(s["status"], tuple(s["words"])) for s in data["project_statuses"]),
        theme_opener_re=re.compile(f"^(?:{_alternation(data['theme_openers'])})"),
        theme_verb_re=re.compile(f"^(?:{_alternation(data['theme_verbs'])})"),
        theme_min=int(data["theme_min_chars"]),
        theme_max=int(data["theme_max_chars"]),
        theme_conjunctions=tuple(data["theme_conjunctions"]),
        plan_plus=tuple(data["annual_plan"]["plus"]),
        plan_minus=tuple(data["annual_plan"]["minus"]),
        year_bonus=int(data["annual_plan"]["year_bonus"]),
        goal_leads=tuple(data["goal_leads"]),
        heading_sentence_max=int(data["heading_sentence_max"]),
    )
