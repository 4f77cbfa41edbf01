"""`{% personal "name" %}`: a reader's own part of a page (see quotidien.pagecache.personal)."""

from django import template

from ..personal import render_part

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, name: str, page=None):
    """The part `name` of the page (`page`, else the context's) for the reader."""
    return render_part(name, context.get("request"), page or context.get("page"))
