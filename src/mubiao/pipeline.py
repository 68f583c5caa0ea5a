"""load → clean → structure → extract: one document from its source to its records."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from dataclasses import dataclass

from mubiao.clean import CleanText, clean
from mubiao.extraction import extract_records
from mubiao.load import LoadedText, load, load_text
from mubiao.model import Document
from mubiao.structure import Structure, parse_structure


@dataclass(frozen=True, slots=True)
class Reading:
    """A document read by the pipeline, with the cleaned text (and its offset map) and the structure
    built on the way, so that a later stage (the digest) need not clean and outline it again."""

    document: Document
    cleaned: CleanText
    structure: Structure


def read_document(
    source: str | os.PathLike[str] | LoadedText,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    name: str | None = None,
) -> Document:
    """Run the whole pipeline on a file path, a `LoadedText`, or a text string.

    `region` and `year` state the document's region and report year where the
    text does not; left as None they are inferred from the title.
    A string that names an existing file is read as that file.
    """
    return read(source, region=region, year=year, kind=kind, name=name).document


def read(
    source: str | os.PathLike[str] | LoadedText,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    name: str | None = None,
) -> Reading:
    """`read_document`, handing back the cleaned text and the structure it built as well."""
    loaded = _as_loaded(source, name)
    cleaned = clean(loaded.text)
    structure = parse_structure(cleaned, region=region, year=year, kind=kind)
    records = extract_records(cleaned, structure, doc=loaded.name, original=loaded.text)
    digest = hashlib.sha256(loaded.text.encode("utf-8")).hexdigest()
    document = Document(
        name=loaded.name,
        path=loaded.path,
        format=loaded.format,
        title=structure.title,
        region=structure.region,
        year=structure.year,
        kind=structure.kind,
        original=loaded.text,
        text=cleaned.text,
        content_hash=digest,
        sections=structure.sections,
        records=tuple(records),
        folded=cleaned.folded,
    )
    return Reading(document, cleaned, structure)


def _as_loaded(source: str | os.PathLike[str] | LoadedText, name: str | None) -> LoadedText:
    if isinstance(source, LoadedText):
        return source
    if isinstance(source, os.PathLike):
        return load(source)
    if "\n" not in source and len(source) < 4096 and Path(source).suffix and _is_file(source):
        return load(source)
    return load_text(source, name=name or "<text>")


def _is_file(candidate: str) -> bool:
    """Whether a string names an existing file; a text too long to be a file name is not one."""
    try:
        return Path(candidate).exists()
    except OSError:  # ENAMETOOLONG and the like: it is text, not a path
        return False
