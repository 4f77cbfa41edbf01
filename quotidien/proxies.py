"""The reader's address behind a proxy (Varnish, a load balancer): `TRUSTED_PROXIES`.

Behind a proxy the connection comes from the proxy, so REMOTE_ADDR is the proxy's and
every reader would share one address: one rate limit, one login lockout, and no
institution's address range recognised. When the peer is one of `TRUSTED_PROXIES`, the
reader's address is taken from X-Forwarded-For and written into REMOTE_ADDR, once, before
anything reads it: at the WSGI entry (wsgi.py, outside the page cache and the request
log) and in the first middleware for requests that do not come through it (the test
client, runserver). Whatever reads REMOTE_ADDR afterwards (django-axes, the rate limits,
the institutions) needs no header of its own.

X-Forwarded-For is a list each proxy appends its peer to, and anything left of the
last trusted proxy's entry may be written by the client. So the list is read from the
right, skipping the trusted proxies, and the first other address is the reader's; an
entry that is not an address ends the walk, at the last address known to be honest.
With `TRUSTED_PROXIES` empty (the default) nobody is trusted and the header is ignored.
"""

import functools
import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# Set in the environ once the address was settled: holds the peer's own address.
PEER = "quotidien.proxies.peer"
# Longer X-Forwarded-For headers are read each time rather than their answer kept.
KEPT_HEADER_CHARACTERS = 200

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(entries) -> tuple[Network, ...]:
    """The networks of `TRUSTED_PROXIES` entries ("127.0.0.1", "10.0.0.0/8"); raises
    ValueError on an entry that is neither an address nor a range."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d.
    if address.version == 6 and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, trusted: tuple[Network, ...]) -> bool:
    return any(address.version == net.version and address in net for net in trusted)


def client_address(peer: str, forwarded: str, trusted: tuple[Network, ...]) -> str:
    """The reader's address, given the connection's `peer`, the X-Forwarded-For header
    and the trusted proxies."""
    address = _address(peer) if trusted else None
    if address is None or not _trusted(address, trusted):
        return peer
    for entry in reversed(forwarded.split(",")):
        before = _address(entry)
        if before is None:
            break
        address = before
        if not _trusted(address, trusted):
            break
    return str(address)


def _reader_finder(entries) -> Callable[[str, str], str]:
    """client_address() for these trusted proxies, each answer kept: a proxy sends the
    same few headers again and again, and parsing addresses costs more than the rest of
    a cached page's way through the WSGI entry."""
    trusted = networks(entries)
    kept = functools.lru_cache(maxsize=4096)(
        lambda peer, forwarded: client_address(peer, forwarded, trusted)
    )

    def reader(peer: str, forwarded: str) -> str:
        # Long headers are a client's own making, and would fill the memory if kept.
        if len(forwarded) > KEPT_HEADER_CHARACTERS:
            return client_address(peer, forwarded, trusted)
        return kept(peer, forwarded)

    return reader


@functools.cache
def _finder() -> Callable[[str, str], str] | None:
    """The reader finder of `TRUSTED_PROXIES`, built once (None: nobody is trusted)."""
    entries = settings.TRUSTED_PROXIES
    return _reader_finder(entries) if entries else None


@receiver(setting_changed)
def _settings_changed(setting, **kwargs) -> None:
    # As Django forgets what it derived from a setting: override_settings in tests.
    if setting == "TRUSTED_PROXIES":
        _finder.cache_clear()


def settle(environ: dict) -> None:
    """Set REMOTE_ADDR of a WSGI environ (or request.META) to the reader's address; done
    once per request, so the WSGI entry and the middleware may both call it."""
    if PEER in environ:
        return
    peer = environ.get("REMOTE_ADDR", "")
    environ[PEER] = peer
    if (finder := _finder()) is not None:
        environ["REMOTE_ADDR"] = finder(peer, environ.get("HTTP_X_FORWARDED_FOR", ""))


class ForwardedAddress:
    """WSGI middleware: the application sees the reader's address in REMOTE_ADDR."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        settle(environ)
        return self.application(environ, start_response)


class ForwardedAddressMiddleware:
    """The same, first of Django's middleware, for requests that skip the WSGI entry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        settle(request.META)
        return self.get_response(request)
