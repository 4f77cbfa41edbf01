"""A cache of this process's memory for pages, kept as the objects they are, unpickled.

A page is stored as the immutable object it is, so that serving it costs no copy of
its bytes; keys are the page cache's own and need no memcached-style validation.

Django's LocMemCache pickles every value, and serving pages without that would mean
overriding its private methods: this backend is written on `BaseCache`'s public API only
(`make_key`, `get_backend_timeout` and the documented `MAX_ENTRIES`/`CULL_FREQUENCY`
options), with LocMemCache's behaviour: least recently used entries go first when full,
every instance of one name (one per thread) shares the same entries, and a timeout of 0
stores nothing (as Django documents for every backend).
"""

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


class ProcessMemoryCache(BaseCache):
    def __init__(self, name, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.max_entries = int(params.get("max_entries", options.get("MAX_ENTRIES", 300)))
        self.cull_frequency = int(params.get("cull_frequency", options.get("CULL_FREQUENCY", 3)))
        with _stores_lock:
            self.store = _stores.setdefault(name, _Store())

    def _live(self, key: str, now: float):
        """The entry at `key`, or None once expired (and then dropped); call under the lock."""
        entry = self.store.entries.get(key)
        if entry is not None and entry[1] is not None and entry[1] <= now:
            del self.store.entries[key]
            return None
        return entry

    def _put(self, key: str, value, timeout) -> None:
        entries = self.store.entries
        expiry = self.get_backend_timeout(timeout)
        if expiry is not None and expiry <= time.time():
            entries.pop(key, None)
            return
        if key not in entries and len(entries) >= self.max_entries:
            if self.cull_frequency == 0:
                entries.clear()
            else:
                for _ in range(max(1, len(entries) // self.cull_frequency)):
                    entries.popitem(last=False)
        entries[key] = (value, expiry)
        entries.move_to_end(key)

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
            return self.store.entries.pop(key, None) is not None

    def clear(self):
        with self.store.lock:
            self.store.entries.clear()
