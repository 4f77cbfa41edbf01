"""The corrections at the end of an article and the dates they change on its page."""

from datetime import datetime

from django import template

from .. import queries

register = template.Library()


@register.inclusion_tag("corrections/article_corrections.html", takes_context=True)
def article_corrections(context, article) -> dict:
    """The article's corrections and replies, then the link to ask for a reply."""
    corrections = queries.article_corrections(article, context.get("request"))
    return {"article": article, "corrections": corrections}


@register.simple_tag(takes_context=True)
def article_updated_at(context, article) -> datetime | None:
    """The article's « Mis à jour le » date, corrections included (None: not updated)."""
    return queries.updated_at(article, context.get("request"))
