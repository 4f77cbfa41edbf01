"""Purges done by `quotidien worker`, never by a web request: the addresses that changes
outdated, sent in one batch to each proxy or CDN, and tried again later while one fails.

A change records its addresses (`request_purge`) and enqueues `purge_pending` only when
one of them was not waiting yet, so that a burst of changes to the same pages makes one
purge. The task takes the addresses off the table before it purges: a change committed
meanwhile records them again, and they are purged once more after it.
"""

import logging
import socket
import threading
from collections.abc import Iterable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import get_backends

from .models import PendingPurge
from .shapes import shaped

logger = logging.getLogger(__name__)

# Addresses taken by one run; a longer backlog is left to the next run, enqueued at once.
BATCH = 1000
# Wagtail's HTTPBackend opens its connections with the process's default timeout, which
# is none: a proxy that accepts and never answers would hold the worker for ever.
TIMEOUT_SECONDS = 10


def request_purge(addresses: Iterable[str]) -> None:
    """Have the worker purge `addresses` (absolute URLs) and everything under them."""
    addresses = set(addresses)
    # An address waiting out the delay after a failed purge is due again at once: its page
    # changed again, and the proxy may be back.
    hastened = PendingPurge.objects.filter(url__in=addresses, due_at__gt=timezone.now()).update(
        due_at=timezone.now()
    )
    waiting = set(PendingPurge.objects.filter(url__in=addresses).values_list("url", flat=True))
    if new := addresses - waiting:
        PendingPurge.objects.bulk_create(
            [PendingPurge(url=url) for url in sorted(new)], ignore_conflicts=True
        )
    if new or hastened:
        purge_pending.enqueue()


# Ahead of the other tasks waiting: a stale page shown to every reader through the proxy
# costs more than a photo's renditions made a moment later.
@task(priority=50)
def purge_pending() -> int:
    """Purge the addresses that are due; returns how many every proxy and CDN forgot."""
    backends = get_backends()  # before taking anything: a setting in error keeps them
    taken = _take()
    failed: set[str] = set()
    for name, backend in backends.items():
        addresses = [
            row.url for row in taken if backend.invalidates_hostname(urlsplit(row.url).netloc)
        ]
        if addresses and not _purged(name, backend, shaped(backend, addresses)):
            failed.update(addresses)
    _retry_later([row for row in taken if row.url in failed])
    if len(taken) == BATCH:
        purge_pending.enqueue()
    return len(taken) - len(failed)


def _take() -> list[PendingPurge]:
    """The addresses due, off the table (those another worker is taking are left to it)."""
    with transaction.atomic():
        rows = list(
            PendingPurge.objects.select_for_update(skip_locked=True)
            .filter(due_at__lte=timezone.now())
            .order_by("due_at")[:BATCH]
        )
        PendingPurge.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return rows


class _ErrorsLogged(logging.Handler):
    """Sees the errors this thread logs: Wagtail's backends log a failed purge (one of
    them through the root logger) instead of raising it."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.thread = threading.get_ident()
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = self.seen or record.thread == self.thread


def _purged(name: str, backend, urls: list[str]) -> bool:
    """Whether `backend` purged `urls` without an error."""
    errors = _ErrorsLogged()
    loggers = [logging.getLogger("wagtail.frontendcache"), logging.getLogger()]
    for each in loggers:
        each.addHandler(errors)
    timeout = socket.getdefaulttimeout()
    socket.setdefaulttimeout(TIMEOUT_SECONDS)
    try:
        backend.purge_batch(urls)
    except Exception as error:
        logger.warning("Purge de %d adresse(s) par « %s » en échec : %r", len(urls), name, error)
        return False
    finally:
        socket.setdefaulttimeout(timeout)
        for each in loggers:
            each.removeHandler(errors)
    return not errors.seen


def _retry_later(rows: list[PendingPurge]) -> None:
    """Put back the addresses whose purge failed, each due after a delay that doubles with
    its attempts, until FRONTEND_CACHE_PURGE_ATTEMPTS; then they wait for the pages'
    PAGE_CACHE_CDN_SECONDS to run out."""
    now = timezone.now()
    again, given_up = [], []
    for row in rows:
        attempts = row.attempts + 1
        if attempts < settings.FRONTEND_CACHE_PURGE_ATTEMPTS:
            delay = settings.FRONTEND_CACHE_RETRY_SECONDS * 2 ** (attempts - 1)
            again.append(
                PendingPurge(url=row.url, attempts=attempts, due_at=now + timedelta(seconds=delay))
            )
        else:
            given_up.append(row.url)
    if given_up:
        logger.error(
            "Purge abandonnée après %d tentatives, rafraîchies au plus tard après "
            "PAGE_CACHE_CDN_SECONDS : %s",
            settings.FRONTEND_CACHE_PURGE_ATTEMPTS,
            " ".join(given_up),
        )
    if not again:
        return
    PendingPurge.objects.bulk_create(again, ignore_conflicts=True)
    due = min(row.due_at for row in again)
    logger.warning(
        "Purge de %d adresse(s) reportée au %s (tentative %d sur %d)",
        len(again),
        due.isoformat(timespec="seconds"),
        min(row.attempts for row in again) + 1,
        settings.FRONTEND_CACHE_PURGE_ATTEMPTS,
    )
    _enqueue_at(due)


def _enqueue_at(due: datetime) -> None:
    # A queue that cannot defer (tasks run at once) leaves them to the next change's run.
    if purge_pending.get_backend().supports_defer:
        purge_pending.using(run_after=due).enqueue()
