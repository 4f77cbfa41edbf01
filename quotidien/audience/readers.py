"""One view per reader, article and hour: a script reloading an article counts once.

A reader is known, without a cookie, by their address (REMOTE_ADDR: behind a trusted
proxy, the reader's own, see quotidien/proxies.py) and their browser's User-Agent; an
IPv6 address counts by its /64 network, what one subscriber's line gets, since its owner
may pick any address in it. Neither is kept: only a short keyed hash (BLAKE2b) of both
and of the article, under a key derived from SECRET_KEY and the hour, so that a hash
says nothing without the key and nothing of another hour's.

A process remembers at most `limit` readers of articles, those of the current hour, the
oldest forgotten first once full, and forgets them all when the hour turns. A flood of
made-up addresses costs no more memory than that; it can only make the oldest readers
count once more. Processes do not share what they remember: a reader whose views reach
several processes counts at most once per process and hour.
"""

import hashlib
import ipaddress
import threading
from collections import deque

from django.utils.crypto import salted_hmac

# About a hundred bytes each: some ten megabytes at most per process.
MAX_READERS = 100_000


def line(address: str) -> str:
    """What identifies the reader's connection: an IPv4 address, or an IPv6 one's /64."""
    if ":" not in address:
        return address
    try:
        ip = ipaddress.IPv6Address(address)
    except ValueError:
        return address
    # An IPv4 reader on a dual-stack socket shows as ::ffff:a.b.c.d.
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    # The line's 64 bits in hexadecimal: a network object would cost ten times as much.
    return f"{ip.packed[:8].hex()}/64"


class Readers:
    """The readers of articles during the current hour, at most `limit` of them."""

    def __init__(self, limit: int = MAX_READERS):
        self.limit = limit
        self._lock = threading.Lock()
        self._hour: int | None = None
        self._key = b""
        # The same hashes twice: the set to look one up, the queue to forget the oldest.
        self._seen: set[int] = set()
        self._order: deque[int] = deque()

    def __len__(self) -> int:
        return len(self._seen)

    def first_view(self, *, address: str, user_agent: str, article_id: int, hour: int) -> bool:
        """Whether this is the reader's first view of the article during the hour
        (numbered as `counting` numbers them); remembers it."""
        reading = f"{line(address)}\n{user_agent}\n{article_id}".encode()
        with self._lock:
            # A view that waited for the lock across the hour's turn belongs to the new one.
            if self._hour is None or hour > self._hour:
                self._start(hour)
            digest = hashlib.blake2b(reading, key=self._key, digest_size=8).digest()
            reader = int.from_bytes(digest)
            if reader in self._seen:
                return False
            while self._order and len(self._order) >= self.limit:
                self._seen.discard(self._order.popleft())
            self._seen.add(reader)
            self._order.append(reader)
            return True

    def forget(self) -> None:
        """Forget every reader remembered."""
        with self._lock:
            self._hour = None
            self._seen.clear()
            self._order.clear()

    def _start(self, hour: int) -> None:
        self._hour = hour
        self._key = salted_hmac("quotidien.audience.readers", str(hour)).digest()
        self._seen.clear()
        self._order.clear()
