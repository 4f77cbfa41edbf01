"""Wagtail's HTTP purge backend (Varnish) with a timeout on each of its requests.

Wagtail's HTTPBackend opens its connections with the process's default timeout, which
is none: a proxy that accepts and never answers would hold the worker for ever. Setting
the default for the process would give it to every other thread's sockets too, so the
purges use this backend instead, whose requests carry their own timeout
(`with_timeouts` puts it in place of Wagtail's in the settings).
"""

from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.utils.module_loading import import_string
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

TIMEOUT_SECONDS = 10


class TimedHTTPBackend(HTTPBackend):
    """Sends `PURGE` as Wagtail's HTTPBackend does, each request given TIMEOUT_SECONDS to
    connect and to answer. A failure is raised rather than logged: the rest of the batch
    is not sent to a proxy that is down (one timeout, not one per address), and the
    whole batch is tried again later."""

    def purge(self, url: str) -> None:
        address = urlsplit(url)
        host = address.hostname + (f":{address.port}" if address.port else "")
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, address.path, address.query, ""]),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        # The scheme is the LOCATION's, from the settings. HTTPError (a 403 from the ACL…)
        # and URLError or TimeoutError are raised.
        with urlopen(request, timeout=TIMEOUT_SECONDS):  # noqa: S310
            pass


TIMED = f"{TimedHTTPBackend.__module__}.{TimedHTTPBackend.__qualname__}"


def with_timeouts(configured: dict[str, dict]) -> dict[str, dict]:
    """WAGTAILFRONTENDCACHE with Wagtail's HTTPBackend replaced by TimedHTTPBackend."""
    return {
        name: {**config, "BACKEND": TIMED} if _is_wagtails_http(config) else config
        for name, config in configured.items()
    }


def _is_wagtails_http(config: dict) -> bool:
    try:
        return import_string(config["BACKEND"]) is HTTPBackend
    except (ImportError, KeyError):
        return False  # get_backends() says what is wrong
