"""Text helpers shared by ingest, search and the migrations: passages and bigrams.

Full-text search looks into passages (paragraphs, long ones cut at sentence
ends) so that a hit points at a place, not at a whole report.

Both databases index each passage as overlapping character bigrams
(污染防治。 → "污染 染防 防治 治"): SQLite in an FTS5 table (tokenizer `unicode61`),
PostgreSQL as a `tsvector` built here. A query becomes the phrase of its own
bigrams, which matches exactly where the query is a substring of the passage,
for queries of any length (one character: a term starting with it).
docs/store.md says why this beat jieba words and the trigram tokenizer.
Index and query must go through the same `bigrams()`: changing it means a
migration that rebuilds the SQLite index (as 0006 did).
"""

from __future__ import annotations

from collections.abc import Sequence

import re
from dataclasses import dataclass

#: Passages longer than this are cut at the last sentence end before it.
MAX_PASSAGE = 400
_SENTENCE_END = re.compile(r"[。；！？!?;]")
#: A run of letters and digits, as FTS5's unicode61 tokenizer reads them (no underscore).
_TERM = re.compile(r"[^\W_]+")


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
    """The index terms of a text: in each run of letters and digits, its overlapping pairs, then its last character.

    Punctuation and spaces end a run, so no pair holds them (a fifth of a
    report's pairs did, and the index paid for each). The last character of
    a run stands alone so that a one-character query, a prefix query, also
    finds the character that ends a run (量 in 总量。). A run of one
    character is that character.
    """
    out: list[str] = []
    for run in _TERM.findall(text.lower()):
        out.extend(map(str.__add__, run, run[1:]))
        out.append(run[-1])
    return " ".join(out)


def _pairs(term: str) -> list[str]:
    """The overlapping pairs of a query term: consecutive in the index wherever the term occurs."""
    return list(map(str.__add__, term, term[1:]))


def query_terms(query: str) -> list[str]:
    """The words of a query: runs of letters and digits (punctuation and spaces separate)."""
    return _TERM.findall(query.lower())


def fts_query(terms: Sequence[str | Sequence[str]]) -> str:
    """An FTS5 MATCH expression over the bigram index: all terms, each as a phrase; a term given
    as several spellings (a vocabulary's synonyms) matches any of them."""
    return " AND ".join(_any_of([_fts_phrase(t) for t in _spelled(term)], " OR ") for term in terms)


def _fts_phrase(term: str) -> str:
    if len(term) == 1:
        return f'"{term}"*'  # a bigram starting with the character
    return '"' + " ".join(_pairs(term)).replace('"', '""') + '"'


def _spelled(term: str | Sequence[str]) -> list[str]:
    return [term] if isinstance(term, str) else list(dict.fromkeys(term))


def _any_of(parts: list[str], joiner: str) -> str:
    return parts[0] if len(parts) == 1 else "(" + joiner.join(parts) + ")"


def tsvector(grams: str) -> str:
    """A PostgreSQL tsvector literal of a bigram string: each bigram with its positions."""
    positions: dict[str, list[str]] = {}
    for i, gram in enumerate(grams.split(), 1):
        positions.setdefault(gram, []).append(str(min(i, 16383)))
    return " ".join(f"'{_quote(g)}':{','.join(p)}" for g, p in positions.items())


def tsquery(terms: Sequence[str | Sequence[str]]) -> str:
    """A PostgreSQL tsquery literal matching `tsvector()`: all terms, each as a phrase of bigrams;
    a term given as several spellings matches any of them."""
    return " & ".join(_any_of([_ts_phrase(t) for t in _spelled(term)], " | ") for term in terms)


def _ts_phrase(term: str) -> str:
    if len(term) == 1:
        return f"'{_quote(term)}':*"
    return "(" + " <-> ".join(f"'{_quote(g)}'" for g in _pairs(term)) + ")"


def _quote(lexeme: str) -> str:
    return lexeme.replace("\\", "\\\\").replace("'", "''")
