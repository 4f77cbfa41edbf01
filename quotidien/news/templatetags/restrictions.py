"""The `is_public` filter: whether a page linked from another may be shown to any reader.

{% load restrictions %}
{% if article|is_public %}<a href="{% pageurl article %}">{{ article.title }}</a>{% endif %}
"""

from django import template

from ..queries import is_public as page_is_public

register = template.Library()


@register.filter
def is_public(page) -> bool:
    """Whether `page` is live and under no view restriction (no query once the
    restrictions are kept: see `quotidien.news.queries.is_public`)."""
    return page is not None and page_is_public(page)
