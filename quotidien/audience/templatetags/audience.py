"""`{% read_beacon %}`: the beacon that counts a view of the article (see `beacon`)."""

from django import template
from django.utils.html import format_html

from .. import beacon

register = template.Library()


@register.simple_tag(takes_context=True)
def read_beacon(context) -> str:
    """An image the reader's browser asks for on each view, or nothing where the page
    counts its views itself."""
    request = context.get("request")
    address = beacon.address(request) if request is not None else ""
    return format_html('<img src="{}" alt="" hidden>', address) if address else ""
