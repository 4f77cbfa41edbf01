"""`{% personal "name" %}`: a reader's own part of a page (see quotidien.pagecache.personal);
`{% page_address %}`: the page's address as every reader is given it."""

from django import template

from .. import pages
from ..personal import render_part

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, name: str, page=None):
    """The part `name` of the page (`page`, else the context's) for the reader."""
    return render_part(name, context.get("request"), page or context.get("page"))


@register.simple_tag(takes_context=True)
def page_address(context) -> str:
    """The page's path and the parameters it reads (`pages.page_address`)."""
    return pages.page_address(context["request"])
