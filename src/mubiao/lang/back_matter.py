"""Where a report's speech ends, and what the material after it is.

A work report closes with a call (…为…而努力奋斗！); what follows is no part of the
speech: appendices (附件1 2026年十件民生实事), glossaries and notes (名词解释, ［1］…),
page chrome, a source's licence footer. Structure asks here where that back matter
starts and what each appendix is, so that a glossary's figures (background
explanations) are never read as the report year's targets, while an appendix that
lists the year's tasks with their quotas is read as a plan. The words are in
`mubiao/data/back_matter.yaml`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from mubiao.lang.datafiles import load_yaml


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data = dict(load_yaml("back_matter.yaml"))
    data["starts_re"] = re.compile(rf"(?:{'|'.join(data['starts'])})\s*$")
    data["calls_re"] = re.compile("|".join(data["closing_calls"]))
    data["appendix_re"] = re.compile(data["appendix"])
    data["note_re"] = re.compile(data["note_line"])
    return data


def is_closing(paragraph: str) -> bool:
    """Whether a paragraph ends the speech with the genre's closing call."""
    data = _data()
    paragraph = paragraph.strip()
    if len(paragraph) < int(data["closing_min_chars"]):
        return False
    if data["calls_re"].search(paragraph):
        return True
    if not paragraph or paragraph[-1] not in data["closing_ends"]:
        return False
    last = re.split(r"[。！？!?]", paragraph.rstrip(data["closing_ends"]))[-1]
    return any(word in last for word in data["closing_words"])


def starts_back_matter(line: str) -> bool:
    """A line of its own that opens back matter: 附件1, 名词解释, a licence footer."""
    return bool(_data()["starts_re"].match(line.strip()))


def back_matter_start(text: str, lines: list[tuple[int, int]], body_from: int) -> int | None:
    """The index into `lines` where back matter begins, else None.

    Back matter opens with a line of its own (附件1, 名词解释, 相关报道, a licence footer) after
    the speech has closed: after the first closing call of the last part (`body_from` is the
    last part heading), or after that heading where no call is found. A line that only looks
    like a closing call in the body (…而共同奋斗。 ending a paragraph) moves nothing: back
    matter still needs its opening line.
    """
    closed = body_from
    for i in range(body_from, len(lines)):
        if is_closing(text[lines[i][0] : lines[i][1]]):
            closed = i
            break
    for i in range(closed, len(lines)):
        if starts_back_matter(text[lines[i][0] : lines[i][1]]):
            return i
    return None


def appendix_title(line: str) -> str | None:
    """The title an appendix heading carries on its own line (附件1：2026年十件民生实事 →
    2026年十件民生实事; 附件2 → ''), else None for a line that is no appendix heading."""
    found = _data()["appendix_re"].match(line.strip())
    if not found or len(line.strip()) > 40:
        return None
    return line.strip()[found.end() :].strip()


def is_glossary(title: str) -> bool:
    """A glossary's or notes' heading (名词解释, 注释)."""
    return any(word in title for word in _data()["glossary"])


def plans_the_year(title: str) -> bool:
    """An appendix title that lists tasks of the year without naming it (十件民生实事)."""
    return any(word in title for word in _data()["appendix_plans"])


def is_note(line: str) -> bool:
    """A note that a ［1］ marker in the body refers to (the line opens with its marker)."""
    return bool(_data()["note_re"].match(line))
