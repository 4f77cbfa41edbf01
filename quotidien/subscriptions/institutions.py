"""Which institution, if any, a request comes from, by its address.

The active ranges are read once and kept in each process until an institution or a range
changes (the version token `institutions`), so that the check costs no query: the page
cache asks it before serving a teaser.
"""

import ipaddress
from datetime import date
from typing import NamedTuple

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from quotidien.pagecache import reads, versions
from quotidien.ratelimits.limits import line

from . import institution_ranges
from .models import Institution, IPRange

TOKEN = "institutions"
_RANGES = reads.KeptReads("institution-ranges", 1)


class Network(NamedTuple):
    network: ipaddress.IPv4Network | ipaddress.IPv6Network
    institution: str
    # The contract's first and last days (None: open-ended), checked at each request:
    # a day passing changes no version token.
    starts: date | None = None
    ends: date | None = None

    def open_on(self, day: date) -> bool:
        return (self.starts is None or self.starts <= day) and (
            self.ends is None or day <= self.ends
        )


def _active_networks() -> tuple[Network, ...]:
    ranges = IPRange.objects.filter(active=True, institution__active=True).values_list(
        "network", "institution__name", "institution__access_starts", "institution__access_ends"
    )
    found = (
        (institution_ranges.normalised(ipaddress.ip_network(network)), *rest)
        for network, *rest in ranges
    )
    # A range kept from before the limit, broader than it, opens nothing.
    return tuple(
        Network(network, *rest)
        for network, *rest in found
        if not institution_ranges.is_too_broad(network)
    )


def networks() -> tuple[Network, ...]:
    return _RANGES.get(None, _active_networks, depends_on=(TOKEN,))


def institution_at(address: str | None) -> str | None:
    """The name of the institution whose ranges hold `address`, else None."""
    known = networks()
    if not known or not address:
        return None
    # An IPv4 reader on a dual-stack server (HOST=::) arrives as ::ffff:a.b.c.d: it is the
    # IPv4 address, as the limits by address count it. An IPv6 reader they count by its
    # /64, which is no address: the address itself is matched then.
    counted = line(address)
    try:
        ip = ipaddress.ip_address(address if counted.endswith("/64") else counted)
    except ValueError:
        return None
    today = timezone.localdate()
    for network in known:
        if ip.version == network.network.version and ip in network.network:
            if network.open_on(today):
                return network.institution
    return None


def privileged_request(meta: dict) -> bool:
    """Whether this request (a WSGI environ) reads subscriber articles in full without
    logging in: the page cache then serves it no teaser."""
    return institution_at(meta.get("REMOTE_ADDR")) is not None


@receiver(post_save, sender=Institution)
@receiver(post_delete, sender=Institution)
@receiver(post_save, sender=IPRange)
@receiver(post_delete, sender=IPRange)
def _ranges_changed(**kwargs) -> None:
    versions.bump(TOKEN)
