"""The teaser of a subscriber article: what a reader without access reads of its body.

The first paragraph, or the first `settings.QUOTIDIEN_TEASER_WORDS` words of the body's
paragraphs, ending with "…" glued to its last word, as French typography sets the
ellipsis of a sentence cut short ("publié chaque mois…"); a full stop, comma, semicolon
or colon there gives way to it (never ". …" nor ".…"), a question or exclamation mark
stays before it ("?…"). Nothing after it is ever rendered for such a reader.
"""

from collections.abc import Iterable

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from quotidien.french.typography import typeset_html
from quotidien.text import cut_short


def _paragraphs(article):
    for block in article.body:
        if block.block_type == "paragraph":
            yield str(block.value)


def teaser_html(article) -> SafeString:
    """The teaser as HTML (the paragraphs' own markup, links included), in French
    typography as the body's paragraphs are shown (see quotidien.french.typography)."""
    return mark_safe(typeset_html(teaser_of(_paragraphs(article))))  # noqa: S308 - HTML of the body


def teaser_of(paragraphs: Iterable[str]) -> SafeString:
    """The teaser of a body whose paragraph blocks' HTML are `paragraphs`, in order: what
    search indexes as written of a subscriber article, as the page shows it."""
    words = settings.QUOTIDIEN_TEASER_WORDS
    if words <= 0:
        first = next(iter(paragraphs), "")
        return mark_safe(_with_ellipsis(first))
    kept, count = [], 0
    for html in paragraphs:
        length = len(strip_tags(html).split())
        if count + length >= words:
            # Cut without an ending: `_with_ellipsis` gives every teaser the same one.
            kept.append(Truncator(html).words(words - count, html=True, truncate=""))
            break
        kept.append(html)
        count += length
    if not kept:
        return mark_safe("")
    kept[-1] = _with_ellipsis(kept[-1])
    return mark_safe("".join(kept))


def _with_ellipsis(html: str) -> str:
    """`html` with "…" at the end of its text, inside its last closing tag, glued to the
    last word: no space, so that no line starts with it."""
    html = html.rstrip()
    closing = html.rfind("</")
    if closing <= 0 or not html.endswith(">"):
        return cut_short(html) if html else html
    return f"{cut_short(html[:closing])}{html[closing:]}"
