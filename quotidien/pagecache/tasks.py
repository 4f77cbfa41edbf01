"""Renewals of version tokens the store refused (Redis lost), made by `quotidien worker`
once it answers again, and tried again every RETRY_SECONDS until then.

A change that could not renew its tokens records them (`keep_lost`); the first of an
outage enqueues a run, which tries again until the store answers, so that an outage met
by a thousand comments makes one run every RETRY_SECONDS. The first web process to read
the versions once the store answers makes them too, before it trusts any token
(versions._read): a worker killed meanwhile, or a queue that does not defer, leaves no
page stale.
"""

import logging
from collections.abc import Sequence
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from quotidien.cache_outage import store_errors, warn

from . import versions
from .models import LostRenewal

logger = logging.getLogger(__name__)

RETRY_SECONDS = 10
KEY_MAX_LENGTH = LostRenewal._meta.get_field("key").max_length


def keep_lost(keys: Sequence[str]) -> None:
    """Have the worker renew `keys` once the versions' store answers again."""
    # A key too long for its row (a page's path of a thousand characters) is stood in for
    # by the site's token, which every page depends on.
    keys = [key if len(key) <= KEY_MAX_LENGTH else versions.SITE for key in keys]
    now, keys = timezone.now(), list(dict.fromkeys(keys))
    # One run at a time tries again until the store answers: a run is asked for only
    # when none was waiting (the first web process to read the versions makes them too).
    first = not LostRenewal.objects.exists()
    LostRenewal.objects.bulk_create(
        [LostRenewal(key=key, lost_at=now) for key in keys],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["lost_at"],
    )
    if first:
        _try_later()


@task(priority=50)
def renew_lost_versions() -> int:
    """Renew the tokens left to renew; returns how many were renewed."""
    try:
        return renew_lost_now()
    except store_errors():
        warn(logger, "Versions des pages toujours impossibles à renouveler")
        _try_later()
        return 0


def renew_lost_now() -> int:
    """Renew the tokens left to renew, here and now; how many. Raises what the store
    raises when it still refuses them."""
    started = timezone.now()
    keys = list(LostRenewal.objects.values_list("key", flat=True))
    if not keys:
        return 0
    versions.renew(keys)
    # A change that lost the same tokens again meanwhile left them for the next run.
    LostRenewal.objects.filter(key__in=keys, lost_at__lte=started).delete()
    return len(keys)


def _try_later() -> None:
    """A run in RETRY_SECONDS. A queue that does not defer (tasks run as they are
    enqueued) gets none: the store that just failed would fail it, and the first web
    process to read the versions again makes the renewals (versions._read)."""
    if renew_lost_versions.get_backend().supports_defer:
        later = timezone.now() + timedelta(seconds=RETRY_SECONDS)
        renew_lost_versions.using(run_after=later).enqueue()
