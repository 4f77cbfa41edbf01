"""The entities an article names, for its page (« Dans cet article : … »)."""

from django import template

from .. import queries

register = template.Library()


@register.simple_tag
def article_entities(article) -> list:
    """The visible entities `article` names, the most mentioned first (one query)."""
    return queries.article_entities(article)
