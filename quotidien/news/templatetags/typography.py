"""The `typo` filter: the paper's running text in French typography.

{% load typography %}
<h1>{{ page.title|typo }}</h1>
{{ value|richtext|typo }}
{% blocktranslate with of_name=name|of_name %}Réponse {{ of_name }}{% endblocktranslate %}
"""

import html

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe

from quotidien.french.typography import of_name as _of_name
from quotidien.french.typography import typeset_html, typeset_plain

register = template.Library()


@register.filter(needs_autoescape=True)
def typo(value, autoescape: bool = True) -> SafeString:
    """`value` set in French typography (see quotidien.french.typography).

    Plain text is escaped first; HTML (rich text, or text already marked safe) keeps its
    markup and only its text changes. Not for attribute values: the result is markup."""
    fragment = conditional_escape(value) if autoescape else str(value)
    return mark_safe(typeset_html(fragment))  # noqa: S308 - text escaped or already HTML


@register.filter(is_safe=True)
def typo_text(value) -> str:
    """`value` set in French typography without markup, for where no tag may go: the
    page's <title> (`{% filter typo_text %}`, whose text comes escaped). Escaped."""
    text = html.unescape(str(value)) if isinstance(value, SafeData) else str(value)
    return escape(typeset_plain(text))


@register.filter
def of_name(name) -> str:
    """« de » and `name`, elided before a vowel or a mute h: "d’Antoine Karam"."""
    return _of_name(str(name))
