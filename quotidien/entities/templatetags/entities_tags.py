"""The entities an article names, for its page (« Dans cet article : … »), and the one a
search names, above its results."""

from django import template

from .. import queries

register = template.Library()


@register.simple_tag
def article_entities(article) -> list:
    """The visible entities `article` names, the most mentioned first (one query)."""
    return queries.article_entities(article)


@register.simple_tag
def search_entity(query: str, page: str = ""):
    """The entity shown above the results of `query` (see `queries.search_entity`)."""
    return queries.search_entity(query, page=page)
