"""Reads of the database kept in this process while the versions they depend on stand still.

The same version tokens that tell a cached page it is current tell a kept read: the site
token for what publishing changes (the page a URL names, the sections, an article's
"Lire aussi"), an article's path token for its comments. A read is kept against the
tokens as they were before it ran, so a change made meanwhile makes it miss next time.
A read of what changes without any edit (the most read articles) is kept for a while only.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from . import versions

T = TypeVar("T")
_local = threading.local()


class KeptReads:
    """Reads of one kind, at most `size` per thread, the least recently used going first;
    each kept at most `seconds` when given."""

    def __init__(self, kind: str, size: int, *, seconds: float | None = None):
        self.kind = kind
        self.size = size
        self.seconds = seconds

    def get(
        self,
        key: Hashable,
        read: Callable[[], T],
        *,
        depends_on: Sequence[str] = (versions.SITE,),
        request=None,
    ) -> T:
        """`read()`, or what it returned last time while the tokens `depends_on` stood still.

        A preview's reads are neither kept nor taken from what is kept: they show a draft.
        """
        if getattr(request, "is_preview", False):
            return read()
        try:
            tokens = versions.current(depends_on)
        except versions.Unavailable:
            # Nothing kept can be known to be current: read it again (see versions.py).
            return read()
        store = _stores().setdefault(self.kind, OrderedDict())
        entry = store.get(key)
        now = time.monotonic()
        if entry is not None and entry[0] == tokens and now < entry[2]:
            store.move_to_end(key)
            return entry[1]
        value = read()
        store[key] = (tokens, value, now + self.seconds if self.seconds else float("inf"))
        if len(store) > self.size:
            store.popitem(last=False)
        return value


def forget() -> None:
    """Drop every kept read of this thread (tests start from the database each time)."""
    _local.stores = {}


def _stores() -> dict[str, OrderedDict]:
    stores = getattr(_local, "stores", None)
    if stores is None:
        stores = _local.stores = {}
    return stores
