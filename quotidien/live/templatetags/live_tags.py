"""The front page's "En direct" banner: the live pages whose coverage goes on; the day of
the timeline's entries."""

from datetime import datetime

from django import template
from django.template.defaultfilters import capfirst
from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from .. import queries

register = template.Library()


@register.inclusion_tag("live/banner.html", takes_context=True)
def live_banner(context) -> dict:
    """Open live pages, latest first, each linking to its page."""
    return {"live_pages": queries.banner_pages(context.get("request"))}


@register.filter
def live_day(value: datetime | None) -> str:
    """« Samedi 6 décembre »: the day of an entry, site time, heading the timeline's entries
    of that day (the page's header says the year the coverage began)."""
    if not value:
        return ""
    return capfirst(date_filter(timezone.localtime(value), "l j F"))
