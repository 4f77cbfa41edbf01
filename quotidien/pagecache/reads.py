"""Reads of the database kept in this process while the versions they depend on stand still.

The same version tokens that tell a cached page it is current tell a kept read: the site
token for what publishing changes (the page a URL names, the sections, an article's
"Lire aussi"), an article's path token for its comments. A read is kept against the
tokens as they were before it ran, so a change made meanwhile makes it miss next time.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from . import versions

T = TypeVar("T")
_local = threading.local()
_kinds: dict[str, int] = {}


def kept(
    kind: str, key: Hashable, depends_on: Sequence[str], read: Callable[[], T], *, request=None
) -> T:
    """`read()`, or what it returned last time while the tokens `depends_on` stood still.

    At most `size` reads of each `kind` are kept (see `limit`), the least recent go first.
    A preview's reads are neither kept nor taken from what is kept: they show a draft.
    """
    if getattr(request, "is_preview", False):
        return read()
    tokens = versions.current(depends_on)
    store = _store(kind)
    entry = store.get(key)
    if entry is not None and entry[0] == tokens:
        store.move_to_end(key)
        return entry[1]
    value = read()
    store[key] = (tokens, value)
    if len(store) > _kinds.get(kind, 100):
        store.popitem(last=False)
    return value


def limit(kind: str, size: int) -> str:
    """Declare how many reads of `kind` a process keeps; returns `kind`."""
    _kinds[kind] = size
    return kind


def forget() -> None:
    """Drop every kept read of this thread (tests start from the database each time)."""
    _local.stores = {}


def _store(kind: str) -> OrderedDict:
    stores = getattr(_local, "stores", None)
    if stores is None:
        stores = _local.stores = {}
    return stores.setdefault(kind, OrderedDict())
