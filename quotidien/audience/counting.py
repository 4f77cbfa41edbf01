"""Views counted in this process's memory and written to the database now and then.

A reader counts once per article and hour (`readers`), and a view costs a hash and a
dictionary update under a lock; the first view that comes FLUSH_SECONDS or more after
the oldest one waiting writes them all in one statement (`counts.add_views`), and the
process writes what is left as it exits. Hours older than KEEP_HOURS are deleted by the
first write of each hour: a ranking reads 24 of them, and a daily sweep would leave a day
of rows behind on a busy paper.
"""

import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import timedelta
from pathlib import Path

from django.db import DatabaseError

from . import counts
from .readers import MAX_READERS, Readers

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 30.0
KEEP_HOURS = 48
BOTS = re.compile(
    "|".join(
        re.escape(line.strip().lower())
        for line in (Path(__file__).parent / "bots.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
)


def is_bot(user_agent: str) -> bool:
    """Whether a request's User-Agent is a program's (see bots.txt), or missing."""
    return not user_agent or BOTS.search(user_agent.lower()) is not None


class ViewBuffer:
    """Views of articles by hour, added up until written by `write` (the database)."""

    def __init__(self, write: Callable[[Mapping[tuple[int, int], int]], None]):
        self.write = write
        self._lock = threading.Lock()
        self._counts: Counter[tuple[int, int]] = Counter()
        # When the oldest view waiting was counted.
        self._since = 0.0
        self._pruned_hour: int | None = None

    def add(self, article_id: int) -> None:
        """Count a view of the article now; write the batch if FLUSH_SECONDS have passed."""
        hour, now = int(time.time() // 3600), time.monotonic()
        with self._lock:
            if not self._counts:
                self._since = now
            self._counts[article_id, hour] += 1
            if now - self._since < FLUSH_SECONDS:
                return
            batch = self._take()
        self._write(batch)

    def flush(self) -> None:
        """Write every view counted so far."""
        with self._lock:
            batch = self._take()
        self._write(batch)

    def pending(self) -> dict[tuple[int, int], int]:
        """The views counted and not written yet, by (article id, hour number)."""
        with self._lock:
            return dict(self._counts)

    def _take(self) -> Counter:
        batch, self._counts = self._counts, Counter()
        return batch

    def _write(self, batch: Counter) -> None:
        if not batch:
            return
        try:
            self.write(batch)
        except DatabaseError:
            # Counted again with the next batch: a busy database loses no views.
            logger.warning("Lectures non enregistrées, reportées", exc_info=True)
            with self._lock:
                self._counts.update(batch)
                self._since = time.monotonic()
            return
        # Apart from the write: views already written must not be counted again.
        try:
            self._prune(max(hour for _article, hour in batch))
        except DatabaseError:
            logger.warning("Anciennes lectures non effacées", exc_info=True)

    def _prune(self, hour: int) -> None:
        if self._pruned_hour != hour:
            counts.forget_before(counts.hour_start(hour) - timedelta(hours=KEEP_HOURS))
            self._pruned_hour = hour


views = ViewBuffer(counts.add_views)
readers = Readers(MAX_READERS)


def count_view(sender, *, meta: dict, counted, **kwargs) -> None:
    """Count a reader's view of the article `counted` (receiver of `page_viewed`), unless
    a program asks or the same reader already read it this hour."""
    user_agent = meta.get("HTTP_USER_AGENT", "")
    if is_bot(user_agent):
        return
    if readers.first_view(
        address=meta.get("REMOTE_ADDR", ""),
        user_agent=user_agent,
        article_id=counted,
        hour=int(time.time() // 3600),
    ):
        views.add(counted)
