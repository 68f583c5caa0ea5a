"""`Store`: the one object the CLI, the tracker and the web server use to reach the database."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from pathlib import Path
from types import TracebackType

import pandas as pd
from sqlalchemy import Connection, Engine

from mubiao.budget import DEFAULT_BUDGET, DEFAULT_LOCK_WAIT
from mubiao.model import Document, Record, Section
from mubiao.errors import DocumentNotFound
from mubiao.store import canonical, query
from mubiao.store.engine import WRITE, current_revision, display, open_engine
from mubiao.store.ingest import IngestSummary, Progress, ingest, prepare_document
from mubiao.store.query import StoredDocument

from mubiao.store.schema import DOCUMENT_KINDS
from mubiao.store.search import Hit, search
from mubiao.store.write import Outcome, write_document

if TYPE_CHECKING:
    from mubiao.store.correct import Correction


class Store:
    """A mubiao database: SQLite file or PostgreSQL, set up or migrated when opened.

    >>> store = Store("sqlite:////tmp/mubiao.db")     # or Store() for the default
    >>> store.ingest(["reports/"], region="衡阳市").ok
    >>> store.records(region="衡阳市", kind="target")  # a DataFrame
    """

    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        """Open the store at `url`; `create=False` refuses one that does not exist yet (`NoStore`)."""
        self.engine: Engine = open_engine(url, create=create)
        try:
            canonical.ensure_current(self.engine)  # names resolved with another vocabulary: resolve again
        except Exception:
            self.engine.dispose()
            raise

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return display(self.engine.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def revision(self) -> str | None:
        return current_revision(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    # -- writing

    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
        *,
        region: str | None = None,
        year: int | None = None,
        kind: str | None = None,
        workers: int = 1,
        progress: Progress | None = None,
        budget: float | None = DEFAULT_BUDGET,
        lock_wait: float = DEFAULT_LOCK_WAIT,
        provenance: str | None = None,
    ) -> IngestSummary:
        """Read and store every document under `paths` (files or folders); `budget`: seconds per document;
        `lock_wait`: seconds the batch waits in all for another program's lock on a SQLite store;
        `provenance`: where the documents came from (publisher, URL, publication), stored with each."""
        if kind is not None and kind not in DOCUMENT_KINDS:
            raise ValueError(f"kind must be one of {', '.join(DOCUMENT_KINDS)}, not {kind!r}")
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        region = self.resolve_region(region)
        return ingest(self.engine, paths, region=region, year=year, kind=kind, workers=workers, progress=progress, budget=budget,
                      lock_wait=lock_wait, provenance=provenance)

    def add(self, document: Document, source: str | None = None) -> Outcome:
        """Store a document already read by the pipeline (one transaction)."""
        if source is None:
            source = str(Path(document.path).resolve()) if document.path else document.name
        prepared = prepare_document(document, source, dialect=self.dialect)
        with self.engine.connect().execution_options(**WRITE) as conn, conn.begin():
            return write_document(conn, prepared)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction (BEGIN IMMEDIATE on SQLite): committed when the block ends, else rolled back."""
        with self.engine.connect().execution_options(**WRITE) as conn, conn.begin():
            yield conn

    def set_canonical(self, names: Mapping[int, str | None]) -> int:
        """Set the canonical indicator of records, by record id."""
        return query.set_canonical(self.engine, names)

    def refresh_canonical(self, only: Callable[[str], bool] | None = None, *, null_only: bool = False) -> int:
        """Resolve stored canonical names again (after a mapping changed); returns records changed."""
        return canonical.refresh(self.engine, only=only, null_only=null_only)

    # -- reading

    def records(
        self,
        *,
        region: str | None = None,
        year: int | None = None,
        kind: str | None = None,
        indicator: str | None = None,
        measure: str | None = None,
        doc: int | str | None = None,
        record_year: int | None = None,
        within: bool = False,
    ) -> pd.DataFrame:
        """Records as a DataFrame; see `mubiao.store.query.records` for the filters."""
        return query.records(
            self.engine,
            region=self.resolve_region(region),
            year=year,
            kind=kind,
            indicator=indicator,
            measure=measure,
            doc=doc,
            record_year=record_year,
            within=within,
        )

    def documents(
        self, *, region: str | None = None, year: int | None = None, kind: str | None = None, within: bool = False
    ) -> pd.DataFrame:
        """Stored documents as a DataFrame (`within`: the regions inside `region` too)."""
        return query.documents(self.engine, region=self.resolve_region(region), year=year, kind=kind, within=within)

    def resolve_region(self, name: str | None) -> str | None:
        """The name a region given by a user is stored under (湖南 → 湖南省, 国务院 → 全国);
        raises `UnknownRegion`, with suggestions, for a name that is no region (火星省)."""
        if name is None:
            return None
        from mubiao.lang.regions import resolve

        return resolve(name, known=query.region_names(self.engine))

    def regions(self) -> pd.DataFrame:
        return query.regions(self.engine)

    def set_provenance(self, doc_id: int, provenance: str | None) -> None:
        """Record where a document came from (publisher, URL, publication), as the user says."""
        from sqlalchemy import update

        from mubiao.store import schema

        with self.engine.connect().execution_options(**WRITE) as conn, conn.begin():
            changed = conn.execute(update(schema.documents).where(schema.documents.c.id == doc_id).values(provenance=provenance))
            if not changed.rowcount:
                raise DocumentNotFound(id=doc_id)

    def remove_document(self, doc_id: int) -> str:
        """Delete a document and all derived from it; its name (DocumentNotFound if none)."""
        from mubiao.store.correct import remove_document

        return remove_document(self.engine, doc_id)

    def update_document(
        self, doc_id: int, *, region: str | None = None, year: int | None = None, kind: str | None = None
    ) -> Correction:
        """Set a document's region, report year or kind (None keeps it); its records are derived again."""
        from mubiao.store.correct import update_document

        if kind is not None and kind not in DOCUMENT_KINDS:
            raise ValueError(f"kind must be one of {', '.join(DOCUMENT_KINDS)}")
        return update_document(self.engine, doc_id, region=self.resolve_region(region), year=year, kind=kind)

    def document(self, doc_id: int) -> StoredDocument:
        """One document's description (raises DocumentNotFound)."""
        return query.document(self.engine, doc_id)

    def text(self, doc_id: int, original: bool = False) -> str:
        """A document's cleaned text, or its original text (where record offsets point)."""
        return query.document_text(self.engine, doc_id, original)

    def sections(self, doc_id: int) -> list[Section]:
        return query.document_sections(self.engine, doc_id)

    def document_records(self, doc_id: int) -> list[Record]:
        return query.document_records(self.engine, doc_id)

    def record_list(self, **filters: Any) -> list[Record]:
        """`records(**filters)` as the pipeline's `Record`s, each with its ids in `extra` (record_id, document_id)."""
        if "region" in filters:
            filters["region"] = self.resolve_region(filters["region"])
        return query.record_list(self.engine, **filters)

    def tracking_records(self, region: str | None = None) -> tuple[list[Record], dict[str, str | None]]:
        """Every record of the store (or of `region`, as stored) as tracking needs it, and the stored
        canonical name of each raw indicator (`mubiao.store.query.tracking_records`)."""
        return query.tracking_records(self.engine, region)

    def read(self, doc_id: int) -> Document:
        """A stored document back as the pipeline's `Document`, sections and records included."""
        info = self.document(doc_id)
        return Document(
            name=info.name,
            path=info.source_path,
            format=info.format,
            title=info.title,
            region=info.region,
            year=info.year,
            kind=info.kind,
            original=self.text(doc_id, original=True),
            text=self.text(doc_id),
            content_hash=info.content_hash,
            sections=tuple(self.sections(doc_id)),
            records=tuple(self.document_records(doc_id)),
            folded=info.folded,
        )

    def search(
        self,
        query_: str,
        *,
        region: str | None = None,
        year: int | None = None,
        kind: str | None = None,
        limit: int = 20,
        within: bool = False,
        exact: bool = False,
    ) -> list[Hit]:
        """Passages holding every term of the query, best first (`within`: regions inside `region` too;
        `exact`: each term as written, without the other spellings of an indicator's name)."""
        return search(self.engine, query_, region=self.resolve_region(region), year=year, kind=kind, limit=limit,
                      within=within, exact=exact)
