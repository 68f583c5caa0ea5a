"""关键词 themes: a short phrase drawn from a section heading or a paragraph's lead.

（一）着力推进创新型城市建设，把创新放在首位来坚持和引领。 → 创新型城市建设: take
the first clause, strip openers (着力, 全面…) and then one verb (推进, 建设…)
when what is left is long enough and not a coordination of two actions
(改善民生和维护社会稳定 keeps its verb). Word lists: data/tasks.yaml.
"""

from __future__ import annotations

import re

from mubiao.digest.rules import rules
from mubiao.digest.text import strip_marker

KEYWORD_PREFIX = re.compile(r"^\s*关键词\s*[：:]?\s*")


def theme(heading: str) -> str:
    """The 关键词 of a section heading or lead sentence."""
    r = rules()
    text = strip_marker(heading)
    clause = re.split(r"[，,。；;！？!?：:]", text, maxsplit=1)[0].strip() or text
    while True:
        found = r.theme_opener_re.match(clause)
        if not found or len(clause) - found.end() < r.theme_min:
            break
        clause = clause[found.end():]
    verb = r.theme_verb_re.match(clause)
    if verb:
        rest = clause[verb.end():]
        if len(rest) >= r.theme_min and not any(c in rest for c in r.theme_conjunctions):
            clause = rest
    return clause[: r.theme_max]


def keyword_theme(title: str) -> str:
    """The theme of an interpretation's own 关键词 heading (关键词：三大攻坚战 → 三大攻坚战)."""
    return KEYWORD_PREFIX.sub("", title).strip()
