"""Text helpers shared by ingest, search and the migrations: passages and bigrams.

Full-text search looks into passages (paragraphs, long ones cut at sentence
ends) so that a hit points at a place, not at a whole report.

SQLite's index holds each passage as overlapping character bigrams
(污染防治 → "污染 染防 防治") tokenised by FTS5's `unicode61`; a query becomes
the phrase of its own bigrams, which matches exactly where the query is a
substring of the passage, for queries of any length ≥ 2 (docs/store.md says
why this beat jieba words and the trigram tokenizer). Index and query must go
through the same `bigrams()`: changing it means rebuilding the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Passages longer than this are cut at the last sentence end before it.
MAX_PASSAGE = 400
_SENTENCE_END = re.compile(r"[。；！？!?;]")
_TERM = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Passage:
    """A span of a document's cleaned text that search returns as one hit."""

    start: int
    end: int
    text: str


def split_passages(text: str, max_len: int = MAX_PASSAGE) -> list[Passage]:
    """Cut cleaned text into non-empty paragraphs, long ones at sentence ends."""
    out: list[Passage] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        start += len(line) - len(line.lstrip())
        end -= len(line) - len(line.rstrip())
        while end - start > max_len:
            window = text[start : start + max_len]
            cuts = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = cuts[-1] if cuts and cuts[-1] > max_len // 4 else max_len
            out.append(Passage(start, start + cut, text[start : start + cut]))
            start += cut
        if end > start:
            out.append(Passage(start, end, text[start:end]))
    return out


def bigrams(text: str) -> str:
    """Overlapping character pairs separated by spaces; pairs holding a space are left out."""
    text = text.lower()
    pairs = (text[i : i + 2] for i in range(len(text) - 1))
    return " ".join(p for p in pairs if not (p[0].isspace() or p[1].isspace()))


def query_terms(query: str) -> list[str]:
    """The words of a query: runs of letters and digits (punctuation and spaces separate)."""
    return [t.lower() for t in _TERM.findall(query)]


def fts_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression over the bigram index: all terms, each as a phrase."""
    parts = []
    for term in terms:
        if len(term) == 1:
            parts.append(f'"{term}"*')  # a bigram starting with the character
        else:
            parts.append('"' + bigrams(term).replace('"', '""') + '"')
    return " AND ".join(parts)
