"""A time budget per document: reading one file may not hold a batch or a server for ever.

`time_budget(seconds, path)` raises `TooSlow` (E110) inside the block once it has
run `seconds`, through SIGALRM: it interrupts pure-Python work between bytecodes,
which is where the pipeline spends its time. It needs the main thread of a POSIX
process (ingest's workers and the server's reading process are such); elsewhere
it is a no-op and the caller's hard limit (a process killed) is what holds.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from mubiao.errors import TooSlow

#: Seconds one document may take to read (load → clean → structure → extract).
DEFAULT_BUDGET = 120.0
#: Seconds a batch waits in all for another program's write lock on a SQLite store.
DEFAULT_LOCK_WAIT = 60.0


@contextmanager
def time_budget(seconds: float | None, path: str | os.PathLike[str] | None = None) -> Iterator[None]:
    """Raise TooSlow once the block has run `seconds` (None or 0: no budget)."""
    usable = bool(seconds) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def _expired(_signum: int, _frame: object) -> None:
        raise TooSlow(path, seconds=seconds)

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
