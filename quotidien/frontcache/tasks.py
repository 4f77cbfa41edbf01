"""Purges done by `quotidien worker`, never by a web request: the addresses that changes
outdated, sent in one batch to each proxy or CDN, and tried again later while one fails.

A change records its addresses (`request_purge`) and enqueues `purge_pending` only when
one of them was not waiting yet, so that a burst of changes to the same pages makes one
purge. A run claims the addresses it sends for `LEASE_SECONDS` and deletes them only once
every proxy accepted their purge: a worker killed on the way (SIGKILL, the machine lost)
leaves them claimed, and the run it enqueued for the end of its claim sends them again. A
change committed while its addresses are being sent takes them back from the run, which
then leaves them in the table: they are purged once more after it.
"""

import logging
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .models import PendingPurge

logger = logging.getLogger(__name__)

# Addresses taken by one run; a longer backlog is left to the next run, enqueued at once.
BATCH = 1000
# How long the other runs leave a run's addresses to it: longer than a batch takes to
# send (a proxy that does not answer fails it in TimedHTTPBackend's ten seconds).
LEASE_SECONDS = 120
# The queue of the purges (settings.TASKS's QUEUES).
QUEUE = "purges"


def request_purge(addresses: Iterable[str]) -> None:
    """Have the worker purge `addresses` (absolute URLs) and everything under them."""
    addresses = set(addresses)
    now = timezone.now()
    # An address waiting out the delay after a failed purge is due again at once: its page
    # changed again, and the proxy may be back. One a run is sending is taken back from it:
    # the proxy may have forgotten the page before this change, and kept it again since.
    # One whose run died is free again.
    hastened = (
        PendingPurge.objects.filter(url__in=addresses)
        .filter(Q(due_at__gt=now) | Q(claimed_until__isnull=False))
        .update(due_at=now, claimed_by="", claimed_until=None)
    )
    waiting = set(PendingPurge.objects.filter(url__in=addresses).values_list("url", flat=True))
    if new := addresses - waiting:
        PendingPurge.objects.bulk_create(
            [PendingPurge(url=url) for url in sorted(new)], ignore_conflicts=True
        )
    if new or hastened:
        purge_pending.enqueue()


# In a queue of its own, which a worker serves alone (`quotidien worker --queues=purges`),
# and ahead of the other tasks waiting for a worker that serves every queue: a stale page
# shown to every reader through the proxy costs more than a photo's renditions made a
# moment later.
@task(priority=50, queue_name=QUEUE)
def purge_pending() -> int:
    """Purge the addresses that are due; returns how many every proxy and CDN forgot."""
    # Imported here: the web processes, which only ask for purges, never load the backends.
    from wagtail.contrib.frontend_cache.utils import get_backends

    from .backends import with_timeouts
    from .shapes import shaped

    # Before claiming anything: a setting in error leaves the addresses free.
    backends = get_backends(with_timeouts(settings.WAGTAILFRONTENDCACHE or {}))
    claimed = claim()
    if claimed.rows:
        # Should this run die on the way, a run comes for its addresses once the lease has
        # run out, though no change asks for one; after a run that lived, it finds nothing.
        _enqueue_at(claimed.until + timedelta(seconds=1))
    failed: set[str] = set()
    for name, backend in backends.items():
        addresses = [
            row.url
            for row in claimed.rows
            if backend.invalidates_hostname(urlsplit(row.url).netloc)
        ]
        if addresses and not _purged(name, backend, shaped(backend, addresses)):
            failed.update(addresses)
    claimed.mine().filter(pk__in=[row.pk for row in claimed.rows if row.url not in failed]).delete()
    _retry_later(claimed, [row for row in claimed.rows if row.url in failed])
    if len(claimed.rows) == BATCH:
        purge_pending.enqueue()
    return len(claimed.rows) - len(failed)


@dataclass
class Claim:
    """The addresses one run sends, claimed by `owner` until their lease runs out."""

    owner: str
    rows: list[PendingPurge]
    database: str
    until: datetime

    def mine(self):
        """Those of the rows still this run's: a change may have taken some back."""
        return PendingPurge.objects.using(self.database).filter(claimed_by=self.owner)


def claim() -> Claim:
    """Claim up to BATCH addresses that are due and that no live run holds."""
    owner = uuid.uuid4().hex
    now = timezone.now()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)
    due = PendingPurge.objects.filter(free, due_at__lte=now).order_by("due_at")
    lease = {"claimed_by": owner, "claimed_until": now + timedelta(seconds=LEASE_SECONDS)}
    database = router.db_for_write(PendingPurge)
    if connections[database].features.has_select_for_update_skip_locked:
        # Rows another run is claiming at this moment are skipped, not waited for.
        with transaction.atomic(using=database):
            pks = list(
                due.using(database)
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:BATCH]
            )
            PendingPurge.objects.using(database).filter(pk__in=pks).update(**lease)
    else:
        # One statement, its condition checked by the write itself (SQLite writes one at a
        # time): a row another run claimed first is left out.
        PendingPurge.objects.using(database).filter(free, pk__in=due.values("pk")[:BATCH]).update(
            **lease
        )
    claimed = Claim(owner, [], database, lease["claimed_until"])
    claimed.rows = list(claimed.mine().order_by("due_at"))
    return claimed


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
    try:
        backend.purge_batch(urls)
    except Exception as error:
        logger.warning("Purge de %d adresse(s) par « %s » en échec : %r", len(urls), name, error)
        return False
    finally:
        for each in loggers:
            each.removeHandler(errors)
    return not errors.seen


def _retry_later(claimed: Claim, rows: list[PendingPurge]) -> None:
    """Let go of the addresses whose purge failed, each due after a delay that doubles with
    its attempts, until FRONTEND_CACHE_PURGE_ATTEMPTS; then they wait for the pages'
    PAGE_CACHE_CDN_SECONDS to run out."""
    now = timezone.now()
    again: dict[int, list[int]] = {}
    given_up = []
    for row in rows:
        attempts = row.attempts + 1
        if attempts < settings.FRONTEND_CACHE_PURGE_ATTEMPTS:
            again.setdefault(attempts, []).append(row.pk)
        else:
            given_up.append(row)
    if given_up:
        claimed.mine().filter(pk__in=[row.pk for row in given_up]).delete()
        logger.error(
            "Purge abandonnée après %d tentatives, rafraîchies au plus tard après "
            "PAGE_CACHE_CDN_SECONDS : %s",
            settings.FRONTEND_CACHE_PURGE_ATTEMPTS,
            " ".join(row.url for row in given_up),
        )
    if not again:
        return
    for attempts, pks in again.items():
        delay = settings.FRONTEND_CACHE_RETRY_SECONDS * 2 ** (attempts - 1)
        claimed.mine().filter(pk__in=pks).update(
            attempts=attempts,
            due_at=now + timedelta(seconds=delay),
            claimed_by="",
            claimed_until=None,
        )
    first = min(again)
    due = now + timedelta(seconds=settings.FRONTEND_CACHE_RETRY_SECONDS * 2 ** (first - 1))
    logger.warning(
        "Purge de %d adresse(s) reportée au %s (tentative %d sur %d)",
        sum(len(pks) for pks in again.values()),
        due.isoformat(timespec="seconds"),
        first + 1,
        settings.FRONTEND_CACHE_PURGE_ATTEMPTS,
    )
    _enqueue_at(due)


def _enqueue_at(due: datetime) -> None:
    # A queue that cannot defer (tasks run at once) leaves them to the next change's run.
    if purge_pending.get_backend().supports_defer:
        purge_pending.using(run_after=due).enqueue()
