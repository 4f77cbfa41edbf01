"""The front page's "En direct" banner: the live pages whose coverage goes on."""

from django import template

from .. import queries

register = template.Library()


@register.inclusion_tag("live/banner.html", takes_context=True)
def live_banner(context) -> dict:
    """Open live pages, latest first, each linking to its page."""
    return {"live_pages": queries.banner_pages(context.get("request"))}
