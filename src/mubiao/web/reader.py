"""Uploaded files are read in a process of their own, so no page waits for the pipeline.

Reading a document is CPU work in Python: run in one of the server's threads it
would hold the interpreter lock and every page would wait (a hostile upload froze
the dashboard for 54 s, issue 15). A one-process pool reads each upload instead,
under the per-document time budget (SIGALRM in that process); should the process
not answer within the budget and a grace period, it is killed, the pool is made
anew, and the upload fails with E110. The request that uploaded waits for its own
result without blocking the server.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

from mubiao.budget import DEFAULT_BUDGET, time_budget
from mubiao.errors import MubiaoError, TooSlow, WorkerDied
from mubiao.store.write import Prepared

#: Seconds past the budget before the reading process is killed (SIGALRM should end it first).
GRACE = 10.0


def _read(
    path: str, source: str, dialect: str, region: str | None, year: int | None, kind: str | None, budget: float | None
) -> Prepared | tuple[str, str]:
    """In the reading process: the document cut into rows, or (code, reason) of the mubiao error it raised.

    The rows and search entries are made here too: for a large text that is as much
    work as reading it, and it would otherwise hold the server's interpreter lock.
    """
    from mubiao.pipeline import read_document
    from mubiao.store.ingest import prepare_document

    try:
        with time_budget(budget, path):
            document = read_document(path, region=region, year=year, kind=kind)
            return prepare_document(document, source, dialect)
    except MubiaoError as err:
        return err.code, err.reason


def _start(parent: int) -> None:
    from mubiao.store.ingest import die_with_parent

    die_with_parent(parent)


class UploadReader:
    """Reads uploaded files in a separate process, one at a time, within a time budget."""

    def __init__(self, budget: float | None = DEFAULT_BUDGET) -> None:
        self.budget = budget
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
                self._pool = ProcessPoolExecutor(1, context, initializer=_start, initargs=(os.getpid(),))
            return self._pool

    def read(
        self, path: str, source: str, dialect: str, *, region: str | None, year: int | None, kind: str | None
    ) -> Prepared:
        """The rows to store for `path`; raises MubiaoError (E110 over budget, E111 process died)."""
        future = self._executor().submit(_read, path, source, dialect, region, year, kind, self.budget)
        try:
            result = future.result(timeout=self.budget + GRACE if self.budget else None)
        except FutureTimeout:
            self.close(kill=True)
            raise TooSlow(path, seconds=self.budget) from None
        except BrokenProcessPool:
            self.close(kill=True)
            raise WorkerDied(path, detail="killed by a signal or out of memory") from None
        if isinstance(result, tuple):
            code, reason = result
            error = MubiaoError(path, reason=reason)
            error.code = code
            raise error
        return result

    def close(self, kill: bool = False) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:  # the process may be stuck in C code: SIGALRM did not end it
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
        pool.shutdown(wait=not kill, cancel_futures=True)
