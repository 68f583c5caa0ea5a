"""Ingest: files and folders in, one transaction per document out.

Reading a document (load → clean → structure → extract) and cutting it into
rows runs in worker processes (`workers > 1`); this process only writes, one
document per transaction, so a kill at any moment leaves every finished
document whole and none half written, and running the same batch again
completes it. A file whose text is already stored under the same source is
recognised from its hash before the pipeline runs, which makes reruns cheap.

Why one writer: SQLite takes one writer at a time, and a writer whose
connection saw another process write must drop its page cache. Workers that
wrote in turns were measured slower (a fifth of the cores idle while they
queued, at 10,000 documents). The workers run at a lower priority (nice), so
the writer gets a core whenever a document is ready and never becomes the
queue the workers wait on.
"""

from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, select, update

from mubiao.budget import DEFAULT_BUDGET, DEFAULT_LOCK_WAIT, time_budget
from mubiao.errors import LoadError, MubiaoError, StoreLocked, WorkerDied
from mubiao.model import Document
from mubiao.store import schema as s
from mubiao.store.engine import WRITE
from mubiao.store.text import bigrams, split_passages, tsvector
from mubiao.store.write import Outcome, Prepared, prepare_rows, write_document

@dataclass(frozen=True, slots=True)
class Task:
    """One file to read, with the options given and what the store holds for it."""

    path: str
    source: str
    size: int
    region: str | None
    year: int | None
    kind: str | None
    #: (content_hash, region, year, kind) of each document stored from this source
    stored: tuple[tuple[str, str | None, int | None, str], ...] = ()
    dialect: str = "sqlite"
    #: seconds the pipeline may take on this file (None: no limit)
    budget: float | None = DEFAULT_BUDGET


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did, document by document, and how long it took."""

    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    #: of `seconds`, the time spent writing to the database (the rest is reading documents)
    write_seconds: float = 0.0
    bytes: int = 0
    #: files a folder walk passed over as not reports (README, LICENSE…)
    skipped: list[str] = field(default_factory=list)

    def _with(self, *statuses: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in statuses]

    @property
    def ingested(self) -> list[Outcome]:
        """New documents and new versions."""
        return self._with("ingested", "updated")

    @property
    def updated(self) -> list[Outcome]:
        return self._with("updated")

    @property
    def unchanged(self) -> list[Outcome]:
        return self._with("unchanged")

    @property
    def failed(self) -> list[Outcome]:
        return self._with("failed")

    @property
    def records(self) -> int:
        return sum(o.records for o in self.ingested)

    @property
    def ok(self) -> bool:
        return not self.failed

    def __str__(self) -> str:
        corrected = [o for o in self.updated if (o.reason or "").startswith("same text;")]
        new = len(self.updated) - len(corrected)
        versions = f" ({new} as new versions)" if new else ""
        versions += f" ({len(corrected)} corrected)" if corrected else ""
        line = (
            f"{len(self.ingested)} ingested{versions}, {len(self.unchanged)} unchanged, "
            f"{len(self.failed)} failed; {self.records} records; {self.seconds:.1f} s"
        )
        warned = [o for o in self.outcomes if o.warning]
        for outcome in warned[:10]:
            line += f"\nwarning: {outcome.path}: {outcome.warning}"
        if len(warned) > 10:
            line += f"\nwarning: … {len(warned) - 10} more documents stored without a region"
        for outcome in corrected[:10]:
            line += f"\nupdated: {Path(outcome.path).name}: {outcome.reason.removeprefix('same text; ')}"
        copies = [o for o in self.unchanged if (o.reason or "").startswith("same report as")]
        for outcome in copies[:5]:
            line += f"\n{Path(outcome.path).name}: {outcome.reason}, not stored again"
        if len(copies) > 5:
            line += f"\n… {len(copies) - 5} more the same report as a stored document"
        if self.skipped:
            names = ", ".join(Path(p).name for p in self.skipped[:5]) + (", …" if len(self.skipped) > 5 else "")
            line += f"\n{len(self.skipped)} skipped as not reports: {names} (name a file to ingest it anyway)"
        return line


class Progress(Protocol):
    """What ingest reports while it runs (the CLI draws a progress bar from it)."""

    def start(self, total: int) -> None: ...

    def advance(self, outcome: Outcome) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, outcome: Outcome) -> None:
        pass


def text_hash(text: str) -> str:
    """The content hash `read_document` gives a text (checked by a test)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def prepare_document(doc: Document, source: str, dialect: str = "sqlite", with_bigrams: bool | None = None) -> Prepared:
    """Cut a read document into the rows the store writes, with the search index's entries.

    `dialect` is the database's ("sqlite" or "postgresql"); `with_bigrams` is its older
    spelling (True for SQLite), kept for callers written against it.
    """
    if with_bigrams is not None:
        dialect = "sqlite" if with_bigrams else "postgresql"
    passages = split_passages(doc.text)
    grams = (bigrams(p.text) for p in passages)
    index = tuple(grams) if dialect == "sqlite" else tuple(map(tsvector, grams))
    return prepare_rows(doc, source, passages, index)


def prepare(task: Task) -> Prepared | Outcome:
    """Read one file through the pipeline (in a worker); never raises."""
    from mubiao.load import load
    from mubiao.pipeline import read_document

    try:
        with time_budget(task.budget, task.path):
            loaded = load(task.path)
            digest = text_hash(loaded.text)
            for content_hash, region, year, kind in task.stored:
                if content_hash == digest and _fits(task, region, year, kind):
                    return Outcome(task.source, "unchanged", reason="already stored")
            doc = read_document(loaded, region=task.region, year=task.year, kind=task.kind)
            return prepare_document(doc, task.source, task.dialect)
    except MubiaoError as err:
        return Outcome(task.source, "failed", reason=err.reason, code=err.code)
    except Exception as err:  # a bug in a stage must not stop the batch
        where = traceback.extract_tb(err.__traceback__)[-1]
        reason = f"internal error {type(err).__name__}: {err} ({Path(where.filename).name}:{where.lineno})"
        return Outcome(task.source, "failed", reason=reason, code="E000")


def ingest(
    engine: Engine,
    paths: Iterable[str | os.PathLike[str]],
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
    """Read every document under `paths` and store it; see the module docstring.

    `budget` is the seconds one document may take to read; one that takes longer
    fails with E110 and the batch goes on. `lock_wait` is the seconds the whole batch
    waits, in all, for another program's lock on a SQLite store (then E209). `provenance`:
    where the documents came from, as the user says (publisher, URL), stored with each.
    """
    from mubiao.load import iter_paths, readable_name

    progress = progress or _Silent()
    started = time.perf_counter()
    summary = IngestSummary()
    stored = _stored_by_source(engine)
    tasks: list[Task] = []
    failures: list[Outcome] = []
    skipped: list[Path] = []
    for item in iter_paths(paths, skipped):
        if isinstance(item, LoadError):
            failures.append(Outcome(item.path or "", "failed", reason=item.reason, code=item.code))
            continue
        source = readable_name(str(item.resolve()))  # a non-UTF-8 name could not be stored
        size = item.stat().st_size
        known = tuple(stored.get(source, ()))
        tasks.append(Task(str(item), source, size, region, year, kind, known, engine.dialect.name, budget))
    summary.skipped = [str(p) for p in skipped]
    progress.start(len(tasks) + len(failures))
    for outcome in failures:
        summary.outcomes.append(outcome)
        progress.advance(outcome)
    lock = LockWait(lock_wait)
    with engine.connect().execution_options(**WRITE) as conn:
        for task, result in _read(tasks, workers):
            outcome = result if isinstance(result, Outcome) else write_prepared(conn, result, lock, provenance)
            if outcome.status in ("ingested", "updated"):
                summary.bytes += task.size
            summary.write_seconds += outcome.write_seconds
            summary.outcomes.append(outcome)
            progress.advance(outcome)
    summary.seconds = time.perf_counter() - started
    return summary


class LockWait:
    """How long a batch still waits, in all, for another program's lock on a SQLite store.

    SQLite makes a writer wait for the lock up to its busy timeout, per statement: with
    a fixed timeout a locked store would cost that wait for every document of a batch.
    Here the batch shares one allowance; once it is spent, every further document fails
    at once with E209, and the user hears of the lock once per document, not hours later.
    """

    def __init__(self, seconds: float = DEFAULT_LOCK_WAIT) -> None:
        self.total = seconds
        self.left = seconds

    def apply(self, conn: Connection) -> None:
        """Set the connection's busy timeout to what is left (SQLite only)."""
        if conn.dialect.name == "sqlite":
            driver = conn.connection.driver_connection
            driver.execute(f"PRAGMA busy_timeout = {max(0, int(self.left * 1000))}")


def write_prepared(
    conn: Connection, prepared: Prepared, lock: LockWait | None = None, provenance: str | None = None
) -> Outcome:
    """Write one read document in its own transaction; never raises."""
    began = time.perf_counter()
    if lock is not None and lock.left <= 0:
        error = StoreLocked(prepared.source, waited=lock.total)
        return Outcome(prepared.source, "failed", reason=error.reason, code=error.code)
    if lock is not None:
        lock.apply(conn)
    try:
        with conn.begin():
            outcome = write_document(conn, prepared)
            if provenance and outcome.document_id is not None:
                conn.execute(update(s.documents).where(s.documents.c.id == outcome.document_id).values(provenance=provenance))
    except Exception as err:  # the database refused this one document
        detail = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        if lock is not None and "database is locked" in detail:
            lock.left -= time.perf_counter() - began
            error = StoreLocked(prepared.source, waited=lock.total - max(lock.left, 0))
            outcome = Outcome(prepared.source, "failed", reason=error.reason, code=error.code)
        else:
            outcome = Outcome(prepared.source, "failed", reason=f"could not store it: {detail}", code="E200")
    return replace(outcome, write_seconds=time.perf_counter() - began)


def _fits(task: Task, region: str | None, year: int | None, kind: str) -> bool:
    """Whether a stored document matches the options this ingest was given."""
    return (
        (task.region is None or task.region == region)
        and (task.year is None or task.year == year)
        and (task.kind is None or task.kind == kind)
    )


def _stored_by_source(engine: Engine) -> dict[str, list[tuple[str, str | None, int | None, str]]]:
    d, r = s.documents, s.regions
    query = select(d.c.source_path, d.c.content_hash, r.c.name, d.c.report_year, d.c.kind).select_from(
        d.outerjoin(r, d.c.region_id == r.c.id)
    )
    out: dict[str, list[tuple[str, str | None, int | None, str]]] = {}
    with engine.connect() as conn:
        for row in conn.execute(query.where(d.c.source_path.is_not(None))):
            out.setdefault(row.source_path, []).append((row.content_hash, row.name, row.report_year, row.kind))
    return out


#: Fewer documents than this are read in-process: starting worker processes takes seconds.
MIN_POOL_TASKS = 16
#: How much less CPU priority the reading workers take than the writing process.
WORKER_NICENESS = 10


def _start_worker(parent: int | None = None) -> None:
    """In each worker: a lower priority, and death with the ingest (`parent`) that started it."""
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    if parent is not None:
        die_with_parent(parent)


def die_with_parent(parent: int) -> None:
    """End this process when process `parent` ends, even by SIGKILL.

    On Linux the kernel sends SIGKILL when the process that forked this one (the
    forkserver, which itself exits with its parent) dies (prctl PR_SET_PDEATHSIG);
    a daemon thread also checks every second that `parent` is still there, for the
    other platforms and for a forkserver that outlives it.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the thread below still watches
            pass

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if _gone(parent):
                os._exit(1)

    threading.Thread(target=watch, name="mubiao-parent-watch", daemon=True).start()


PR_SET_PDEATHSIG = 1


def _gone(pid: int) -> bool:
    """Whether process `pid` has ended (a zombie not yet reaped counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # the number now belongs to another user's process
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except (OSError, IndexError):
        return False  # no /proc: os.kill's answer stands

Reader = Callable[[Task], "Prepared | Outcome"]


def _read(tasks: list[Task], workers: int, reader: Reader = prepare) -> Iterator[tuple[Task, Prepared | Outcome]]:
    """Each task read and prepared, as they finish: in this process, or in `workers` processes.

    A worker that dies (killed, out of memory) breaks the whole pool: the documents
    it was reading with the others cannot be told apart, so a new pool reads each of
    them alone; one that kills its process again fails with E111, and the batch goes on.
    """
    if workers <= 1 or len(tasks) < MIN_POOL_TASKS:
        for task in tasks:
            yield task, reader(task)
        return
    queue = iter(tasks)
    suspects: list[Task] = []
    window = workers * 4  # bound the documents held in memory
    while True:
        with _pool(workers) as pool:
            broken: list[Task] = []
            for task in suspects:  # alone in the pool, so a death names its document
                try:
                    yield task, pool.submit(reader, task).result()
                except BrokenProcessPool as err:
                    yield task, _died(task, err)
                    broken = suspects[suspects.index(task) + 1 :]
                    break
            if broken:
                suspects = broken
                continue
            suspects = []
            pending: dict[Future[Prepared | Outcome], Task] = {}
            for task in queue:
                if not _submit(pool, reader, task, pending, suspects) or len(pending) >= window:
                    break
            while pending and not suspects:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    task = pending.pop(future)
                    try:
                        yield task, future.result()
                    except BrokenProcessPool:
                        suspects.append(task)
                        continue
                    except Exception as err:  # noqa: BLE001  a result that would not unpickle
                        yield task, _died(task, err)
                    nxt = next(queue, None)
                    if nxt is not None:
                        _submit(pool, reader, nxt, pending, suspects)
            suspects.extend(pending.values())
        if not suspects:
            return


def _submit(pool: Any, reader: Reader, task: Task, pending: dict[Any, Task], suspects: list[Task]) -> bool:
    """Hand a task to the pool; a pool another worker's death broke meanwhile refuses it, and
    the task waits among the suspects for the next pool (False)."""
    try:
        pending[pool.submit(reader, task)] = task
    except BrokenProcessPool:
        suspects.append(task)
        return False
    return True


def _died(task: Task, err: BaseException) -> Outcome:
    reason = WorkerDied(task.path, detail=_death_detail(err)).reason
    return Outcome(task.source, "failed", reason=reason, code=WorkerDied.code)


def _death_detail(err: BaseException) -> str:
    if isinstance(err, BrokenProcessPool):
        return "killed by a signal or out of memory"
    return f"{type(err).__name__}: {err}".strip()


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    pool = ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=(os.getpid(),))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
