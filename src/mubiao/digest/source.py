"""One document ready for the digest stage: its cleaned text, outline and records.

The digest needs the paragraphs of `parse_structure` (which `Document` does not
keep) and each record's span in the cleaned text (records carry offsets in the
original text, mapped through the cleaning's offset map). A file or a text is
read once by `pipeline.read`, which hands back the cleaned text and structure
it built; a `Document` read back from the store is cleaned and outlined again.
`open_source` accepts a file path, a text, a `Document` or a stored document's id.
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass
from pathlib import Path

from mubiao.clean import CleanText, clean
from mubiao.errors import MissingPath
from mubiao.model import Document, Record
from mubiao.pipeline import Reading, read
from mubiao.structure import Paragraph, Structure, parse_structure


@dataclass(frozen=True, slots=True)
class Source:
    """A document with what the digest reads: cleaned text, structure, record spans."""

    document: Document
    cleaned: CleanText
    structure: Structure
    record_spans: tuple[tuple[int, int], ...]  # per record of document.records: [start, end) in cleaned text

    @property
    def text(self) -> str:
        """The cleaned text, as written (script kept)."""
        return self.cleaned.text

    @property
    def match_text(self) -> str:
        """The cleaned text in simplified script, for word matching."""
        return self.cleaned.match_text

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.structure.paragraphs

    def records_in(self, start: int, end: int, kind: str | None = None) -> list[tuple[Record, tuple[int, int]]]:
        """Records whose cleaned span lies in [start, end), with their spans, in text order."""
        found = [
            (record, span)
            for record, span in zip(self.document.records, self.record_spans)
            if span[0] >= start and span[1] <= end and span[1] > span[0] and (kind is None or record.kind == kind)
        ]
        return sorted(found, key=lambda item: item[1])


def open_source(
    doc: Source | Document | str | os.PathLike[str] | int,
    *,
    db: str | None = None,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
) -> Source:
    """A `Source` from a path, a text, a `Document`, or a stored document id (digits) in `db`."""
    if isinstance(doc, Source):
        return doc
    if isinstance(doc, Document):
        return from_document(doc)
    if isinstance(doc, int) or (isinstance(doc, str) and doc.strip().isdigit() and not Path(doc).exists()):
        return from_store(int(doc), db)
    if isinstance(doc, str) and "\n" not in doc and len(doc) < 4096 and not Path(doc).exists() and Path(doc).suffix:
        raise MissingPath(doc)
    return from_reading(read(doc, region=region, year=year, kind=kind))


def from_reading(reading: Reading) -> Source:
    """A document just read by the pipeline: its cleaned text and structure as they were built."""
    spans = tuple(_cleaned_span(reading.cleaned, r) for r in reading.document.records)
    return Source(reading.document, reading.cleaned, reading.structure, spans)


def from_document(document: Document) -> Source:
    """A document given whole (read back from the store): its original text cleaned and outlined again,
    since the store keeps the cleaned text but not the offset map and the paragraphs."""
    cleaned = clean(document.original)
    structure = parse_structure(cleaned, region=document.region, year=document.year, kind=document.kind)
    spans = tuple(_cleaned_span(cleaned, r) for r in document.records)
    return Source(document, cleaned, structure, spans)


def from_store(doc_id: int, db: str | None = None) -> Source:
    """A stored document (by id) through `Store.read`; raises DocumentNotFound."""
    from mubiao.store import Store

    with Store(db, create=False) as store:
        document = store.read(doc_id)
    return from_document(document)


def _cleaned_span(cleaned: CleanText, record: Record) -> tuple[int, int]:
    """A record's span in the cleaned text: through the offset map, else by its quote."""
    offsets = cleaned.offsets
    if record.start >= 0 and record.end > record.start:
        start = bisect.bisect_left(offsets, record.start)
        end = bisect.bisect_left(offsets, record.end)
        if _same(cleaned.text[start:end], record.quote):
            return start, end
    return _find_quote(cleaned.text, record.quote)


def _same(a: str, b: str) -> bool:
    return _squeeze(a) == _squeeze(b)


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _find_quote(text: str, quote: str) -> tuple[int, int]:
    """Find `quote` in `text` ignoring white space; (-1, -1) when absent."""
    wanted = _squeeze(quote)
    if not wanted:
        return -1, -1
    index = text.find(wanted)
    if index >= 0:
        return index, index + len(wanted)
    keep = [i for i, ch in enumerate(text) if not ch.isspace()]
    squeezed = "".join(text[i] for i in keep)
    index = squeezed.find(wanted)
    if index < 0:
        return -1, -1
    return keep[index], keep[index + len(wanted) - 1] + 1
