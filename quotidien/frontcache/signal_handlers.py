"""Pages outdated by a committed change are purged from the proxies and CDNs in front."""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.dispatch import receiver

from quotidien.pagecache import versions

from .addresses import addresses_for
from .tasks import request_purge

logger = logging.getLogger(__name__)


@receiver(versions.outdated, dispatch_uid="frontcache-outdated")
def _pages_outdated(keys: tuple[str, ...], **kwargs) -> None:
    if not settings.WAGTAILFRONTENDCACHE:
        return
    try:
        if addresses := addresses_for(keys):
            request_purge(addresses)
    except DatabaseError:
        # The change is committed and must not fail now: its pages wait for their
        # PAGE_CACHE_CDN_SECONDS instead.
        logger.warning("Purge non demandée pour %s", keys, exc_info=True)
