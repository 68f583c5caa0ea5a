"""data/tasks.yaml: every list the digest reads is there, well formed, and compiles."""

from __future__ import annotations

import re

from mubiao.lang.datafiles import load_yaml
from mubiao.digest.rules import rules


def test_rules_data_has_every_section() -> None:
    data = load_yaml("tasks.yaml")
    for key in ("commitment_verbs", "not_commitments", "task_openers", "deadlines", "project_suffixes",
                "generic_project_heads", "generic_project_names", "project_cutters", "project_follow",
                "project_breaks", "project_statuses", "theme_openers", "theme_verbs", "annual_plan",
                "goal_leads", "proper_tags", "concrete_statuses", "digest"):
        assert key in data, key


def test_rules_data_patterns_compile_and_lists_are_clean() -> None:
    data = load_yaml("tasks.yaml")
    for pattern in data["deadlines"] + data["not_commitments"]:
        re.compile(pattern)
    strong, ordinary = data["commitment_verbs"]["strong"], data["commitment_verbs"]["ordinary"]
    assert not set(strong) & set(ordinary), "a verb is listed as strong and ordinary"
    for name in ("project_suffixes", "project_cutters", "theme_verbs", "theme_openers"):
        words = data[name]
        assert all(isinstance(w, str) and w.strip() == w and w for w in words), name
    statuses = {s["status"] for s in data["project_statuses"]}
    assert set(data["concrete_statuses"]) <= statuses
    assert rules().heading_sentence_max > 0


def test_rules_data_digest_templates_fill() -> None:
    words = load_yaml("tasks.yaml")["digest"]
    assert words["title"].format(year=2021, region="某市")
    assert words["measure"].format(number="一", heading="x")
    assert len(words["target_columns"]) == 5
