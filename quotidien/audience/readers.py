"""One view per reader, article and hour: a script reloading an article counts once.

A reader is known, without a cookie, by their line (the address REMOTE_ADDR, behind a
trusted proxy the reader's own, see quotidien/proxies.py; an IPv6 address by its /64,
see `limits.line`) and their browser's User-Agent, which tells apart the readers of a
household or an office behind one address. A script names its browser as it likes, so
one line counts at most BROWSERS_PER_LINE readers of an article an hour. Neither address
nor browser is kept: only short keyed hashes (BLAKE2b) of them and of the article, under
a key derived from SECRET_KEY and the hour, so that a hash says nothing without the key
and nothing of another hour's.

A process remembers at most `limit` readings of articles, those of the current hour, the
oldest lines forgotten first once full, and forgets them all when the hour turns. A flood
of made-up addresses costs no more memory than that; it can only make the oldest readers
count once more. Processes do not share what they remember: a reader whose views reach
several processes counts at most once per process and hour, and a line its
BROWSERS_PER_LINE readers per process and hour.
"""

import hashlib
import threading
from collections import deque

from django.utils.crypto import salted_hmac

from quotidien.ratelimits.limits import line

# About two hundred bytes each: some five megabytes at most per process, a few percent of
# a worker's memory. A busy process reads more than this in an hour: a line is then
# forgotten after this many newer ones, and a script reloading an article counts again
# only as often as that.
MAX_READERS = 25_000

# The readers of an article counted from one line in an hour. A household shares an
# address, each reader with their own browser; a script rotating its User-Agent adds no
# more than this, too few to push an article up "Les plus lus". An office behind one
# address whose staff all read one article counts as this many readers.
BROWSERS_PER_LINE = 3


class Readers:
    """The readers of articles during the current hour, at most `limit` of them."""

    def __init__(self, limit: int = MAX_READERS):
        self.limit = limit
        self._lock = threading.Lock()
        self._hour: int | None = None
        self._key = b""
        # Each line's reading of an article: the browsers counted, in a dict to look one
        # up, and the lines in a queue to forget the oldest.
        self._lines: dict[int, tuple[int, ...]] = {}
        self._order: deque[int] = deque()
        self._readers = 0

    def __len__(self) -> int:
        return self._readers

    def first_view(self, *, address: str, user_agent: str, article_id: int, hour: int) -> bool:
        """Whether this is the reader's first view of the article during the hour
        (numbered as `counting` numbers them), and one that counts; remembers it."""
        reading = f"{line(address)}\n{article_id}".encode()
        with self._lock:
            # A view that waited for the lock across the hour's turn belongs to the new one.
            if self._hour is None or hour > self._hour:
                self._start(hour)
            key = self._hash(reading)
            browser = self._hash(user_agent.encode())
            browsers = self._lines.get(key, ())
            if browser in browsers or len(browsers) >= BROWSERS_PER_LINE:
                return False
            while self._order and self._readers >= self.limit:
                self._readers -= len(self._lines.pop(self._order.popleft()))
            # Forgotten just now if it was the oldest: it starts again.
            browsers = self._lines.get(key, ())
            if not browsers:
                self._order.append(key)
            self._lines[key] = (*browsers, browser)
            self._readers += 1
            return True

    def forget(self) -> None:
        """Forget every reader remembered."""
        with self._lock:
            self._hour = None
            self._clear()

    def _start(self, hour: int) -> None:
        self._hour = hour
        self._key = salted_hmac("quotidien.audience.readers", str(hour)).digest()
        self._clear()

    def _clear(self) -> None:
        self._lines.clear()
        self._order.clear()
        self._readers = 0

    def _hash(self, data: bytes) -> int:
        return int.from_bytes(hashlib.blake2b(data, key=self._key, digest_size=8).digest())
