"""What the dashboard computes once and keeps until the store changes.

Verdicts need every target and outcome of a region linked (`track.service`),
and a document's digest needs it cleaned and outlined again: both cost far
more than a page may. `StoreCache` keeps such values under a key, together
with the store's fingerprint (`data.fingerprint`: documents, outcomes and
mappings); a value computed before the store changed is computed again. One
lock per key means that concurrent requests compute a value once.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from mubiao.store import Store
from mubiao.web import data

T = TypeVar("T")


class StoreCache:
    """Values computed from the store, dropped when its fingerprint changes (LRU, `size` entries)."""

    def __init__(self, store: Store, size: int = 512, fingerprint_ttl: float = 1.0) -> None:
        self.store = store
        self.size = size
        self.fingerprint_ttl = fingerprint_ttl
        self._values: OrderedDict[Hashable, tuple[Any, Any]] = OrderedDict()
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()
        self._print: tuple[float, Any] | None = None

    def fingerprint(self) -> Any:
        """The store's fingerprint, read again at most every `fingerprint_ttl` seconds."""
        now = time.monotonic()
        held = self._print
        if held is None or now - held[0] > self.fingerprint_ttl:
            held = (now, data.fingerprint(self.store.engine))
            self._print = held
        return held[1]

    def invalidate(self) -> None:
        """Forget the fingerprint (after a write by this process): the next read sees the change."""
        self._print = None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value under `key`, computed by `compute()` if missing or stale."""
        stamp = self.fingerprint()
        with self._guard:
            held = self._values.get(key)
            if held is not None and held[0] == stamp:
                self._values.move_to_end(key)
                return held[1]  # type: ignore[no-any-return]
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            with self._guard:
                held = self._values.get(key)
                if held is not None and held[0] == stamp:
                    return held[1]  # type: ignore[no-any-return]
            value = compute()
            with self._guard:
                self._values[key] = (stamp, value)
                self._values.move_to_end(key)
                while len(self._values) > self.size:
                    old, _ = self._values.popitem(last=False)
                    self._locks.pop(old, None)
            return value

    def peek(self, key: Hashable) -> Any | None:
        """The value under `key` if it is there and fresh, else None (never computes)."""
        stamp = self.fingerprint()
        with self._guard:
            held = self._values.get(key)
        return held[1] if held is not None and held[0] == stamp else None
