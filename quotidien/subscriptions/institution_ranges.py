"""What an institution's address range may be: a network no broader than its limit, IPv4
written as IPv4.

A range opens every subscriber article to whoever reads from it. `0.0.0.0/0` or `::/0`,
typed by mistake, would open them to the whole internet: a range may hold at most a /16 in
IPv4 (65 536 addresses, a large campus) and a /32 in IPv6 (a whole operator's allocation,
already far more than an institution's /48). An IPv4 address written in IPv6
(`::ffff:192.0.2.10`) is the IPv4 address, which is how readers' addresses arrive.
"""

import ipaddress

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The shortest prefix a range may have, by IP version.
SHORTEST_PREFIX = {4: 16, 6: 32}

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_IPV4_MAPPED = ipaddress.IPv6Network("::ffff:0:0/96")


def normalised(network: Network) -> Network:
    """`network`, an IPv4-mapped IPv6 range (`::ffff:192.0.2.0/120`) as the IPv4 range."""
    if network.version == 6 and network.subnet_of(_IPV4_MAPPED):
        return ipaddress.IPv4Network(
            (int(network.network_address) & 0xFFFFFFFF, network.prefixlen - 96)
        )
    return network


def is_too_broad(network: Network) -> bool:
    return network.prefixlen < SHORTEST_PREFIX[network.version]


def network_of(value: str) -> Network:
    """The range `value` names, normalised; a French ValidationError when it names none or
    one broader than the limit."""
    try:
        network = normalised(ipaddress.ip_network(value.strip(), strict=False))
    except ValueError:
        raise ValidationError(
            _(
                "« %(value)s » n’est pas une plage d’adresses : écrivez une adresse "
                "(192.0.2.10) ou une plage en notation CIDR (192.0.2.0/24, 2001:db8::/32)."
            ),
            code="network",
            params={"value": value},
        ) from None
    if is_too_broad(network):
        raise ValidationError(
            _(
                "La plage « %(value)s » est trop large : elle ouvrirait les articles abonnés "
                "à %(count)s adresses. En IPv%(version)s, une plage a un préfixe d’au moins "
                "/%(shortest)s : déclarez les plages de l’institution une à une."
            ),
            code="network_too_broad",
            params={
                "value": value,
                "count": f"{network.num_addresses:,}".replace(",", "\u202f"),
                "shortest": SHORTEST_PREFIX[network.version],
                "version": network.version,
            },
        )
    return network
