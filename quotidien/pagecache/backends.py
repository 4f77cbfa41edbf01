"""A cache of this process's memory for pages, kept as the objects they are, unpickled.

A page is stored as the immutable object it is, so that serving it costs no copy of
its bytes; keys are the page cache's own and need no memcached-style validation.

Django's LocMemCache pickles every value, and serving pages without that would mean
overriding its private methods: this backend is written on `BaseCache`'s public API only
(`make_key`, `get_backend_timeout` and the documented `MAX_ENTRIES`/`CULL_FREQUENCY`
options), with LocMemCache's behaviour: least recently used entries go first when full,
every instance of one name (one per thread) shares the same entries, and a timeout of 0
stores nothing (as Django documents for every backend).

Two more options bound what a process keeps, as a proxy's cache is bounded:

- `MAX_BYTES`: the least recently used entries go once the values' bytes pass this (a
  page's weight is its bodies'); 0 for no bound but MAX_ENTRIES.
- `MIN_USES`: a key is stored at the MIN_USES-th `set()` of it, as nginx's
  `proxy_cache_min_uses`: the first sets of a key are only counted (among the last
  MAX_ENTRIES × 4 keys). A page read once (by a crawler walking the archive, by a reader
  of an old article) is then rendered again if read again, instead of pushing out of
  memory a page that every reader asks for.
"""

import sys
import threading
import time
from collections import OrderedDict

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

_stores: dict[str, "_Store"] = {}
_stores_lock = threading.Lock()


class _Store:
    """The entries of one named cache: key → (value, expiry or None), most recent last."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries: OrderedDict[str, tuple[object, float | None]] = OrderedDict()
        # Each entry's weight (see _weight), and their sum.
        self.weights: dict[str, int] = {}
        self.bytes = 0
        # Keys set fewer than MIN_USES times, with how often: key → sets, most recent last.
        self.uses: OrderedDict[str, int] = OrderedDict()

    def drop(self, key: str) -> bool:
        """Forget the entry at `key`; whether there was one."""
        if self.entries.pop(key, None) is None:
            return False
        self.bytes -= self.weights.pop(key, 0)
        return True

    def drop_oldest(self) -> None:
        key, _entry = self.entries.popitem(last=False)
        self.bytes -= self.weights.pop(key, 0)

    def clear(self) -> None:
        self.entries.clear()
        self.weights.clear()
        self.uses.clear()
        self.bytes = 0


def _weight(value) -> int:
    """What keeping `value` costs, near enough: its size and that of the bytes and strings
    it holds in its fields (a cached page's bodies)."""
    if isinstance(value, (bytes, bytearray, str)):
        return sys.getsizeof(value)
    fields = getattr(value, "__dict__", None) or {}
    return sys.getsizeof(value) + sum(
        sys.getsizeof(field) for field in fields.values() if isinstance(field, (bytes, str))
    )


class ProcessMemoryCache(BaseCache):
    def __init__(self, name, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.max_entries = int(params.get("max_entries", options.get("MAX_ENTRIES", 300)))
        self.cull_frequency = int(params.get("cull_frequency", options.get("CULL_FREQUENCY", 3)))
        self.max_bytes = int(options.get("MAX_BYTES", 0))
        self.min_uses = max(1, int(options.get("MIN_USES", 1)))
        with _stores_lock:
            self.store = _stores.setdefault(name, _Store())

    def _live(self, key: str, now: float):
        """The entry at `key`, or None once expired (and then dropped); call under the lock."""
        entry = self.store.entries.get(key)
        if entry is not None and entry[1] is not None and entry[1] <= now:
            self.store.drop(key)
            return None
        return entry

    def _put(self, key: str, value, timeout) -> None:
        store = self.store
        entries = store.entries
        expiry = self.get_backend_timeout(timeout)
        if expiry is not None and expiry <= time.time():
            store.drop(key)
            return
        if key not in entries and len(entries) >= self.max_entries:
            if self.cull_frequency == 0:
                store.clear()
            else:
                for _ in range(max(1, len(entries) // self.cull_frequency)):
                    store.drop_oldest()
        store.drop(key)
        entries[key] = (value, expiry)
        if self.max_bytes:
            store.weights[key] = weight = _weight(value)
            store.bytes += weight
            while store.bytes > self.max_bytes and len(entries) > 1:
                store.drop_oldest()

    def _used_enough(self, key: str) -> bool:
        """Whether this set of `key` is one to store (see MIN_USES); call under the lock."""
        if self.min_uses == 1 or key in self.store.entries:
            return True
        uses = self.store.uses
        count = uses.pop(key, 0) + 1
        if count >= self.min_uses:
            return True
        uses[key] = count
        if len(uses) > self.max_entries * 4:
            uses.popitem(last=False)
        return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        with self.store.lock:
            if self._live(key, time.time()) is not None:
                return False
            self._put(key, value, timeout)
            return True

    def get(self, key, default=None, version=None):
        key = self.make_key(key, version=version)
        with self.store.lock:
            entry = self._live(key, time.time())
            if entry is None:
                return default
            self.store.entries.move_to_end(key)
            return entry[0]

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        with self.store.lock:
            if self._used_enough(key):
                self._put(key, value, timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        with self.store.lock:
            entry = self._live(key, time.time())
            if entry is None:
                return False
            self.store.entries[key] = (entry[0], self.get_backend_timeout(timeout))
            return True

    def incr(self, key, delta=1, version=None):
        key = self.make_key(key, version=version)
        with self.store.lock:
            entry = self._live(key, time.time())
            if entry is None:
                raise ValueError(f"Key '{key}' not found")
            value = entry[0] + delta
            self.store.entries[key] = (value, entry[1])
            self.store.entries.move_to_end(key)
            return value

    def has_key(self, key, version=None):
        key = self.make_key(key, version=version)
        with self.store.lock:
            return self._live(key, time.time()) is not None

    def delete(self, key, version=None):
        key = self.make_key(key, version=version)
        with self.store.lock:
            return self.store.drop(key)

    def clear(self):
        with self.store.lock:
            self.store.clear()
