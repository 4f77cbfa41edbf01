"""Template tags for the head of every page: feed links, canonical URL, social cards, JSON-LD.

In base.html: ``{% feed_links %}`` and, in ``{% block meta %}``, ``{% page_meta %}``.
"""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from quotidien.links import author_feed_url, feed_url, page_path
from quotidien.news.models import ArticlePage, Author, SectionPage

from ..meta import head_for, json_for_script

register = template.Library()


@register.inclusion_tag("syndication/page_meta.html", takes_context=True)
def page_meta(context) -> dict:
    """Description, canonical URL, Open Graph, Twitter card and JSON-LD of the page shown."""
    return {"head": head_for(context.get("page"), context)}


@register.inclusion_tag("syndication/feed_links.html", takes_context=True)
def feed_links(context) -> dict:
    """The paper's feeds, and those of the section shown (or of the article's section) or of
    the author whose page it is."""
    site = settings.WAGTAIL_SITE_NAME
    request = context.get("request")
    feeds = [
        (_("%(site)s (RSS)") % {"site": site}, "application/rss+xml", feed_url("feed-rss")),
        (_("%(site)s (Atom)") % {"site": site}, "application/atom+xml", feed_url("feed-atom")),
    ]
    page = context.get("page")
    if page is None and isinstance(author := context.get("author"), Author):
        for name, kind in (("feed-rss-author", "RSS"), ("feed-atom-author", "Atom")):
            feeds.append(
                (
                    f"{author.name} | {site} ({kind})",
                    f"application/{kind.lower()}+xml",
                    author_feed_url(name, author),
                )
            )
    section = page if isinstance(page, SectionPage) else None
    if isinstance(page, ArticlePage):
        section = getattr(page, "section", None)
    if section and page_path(section, request):
        for name, kind in (("feed-rss", "RSS"), ("feed-atom", "Atom")):
            feeds.append(
                (
                    f"{section.title} | {site} ({kind})",
                    f"application/{kind.lower()}+xml",
                    feed_url(name, section, request),
                )
            )
    return {"feeds": feeds}


@register.filter
def json_ld(data) -> str:
    """A JSON-LD document, safe inside <script type="application/ld+json">."""
    return mark_safe(json_for_script(data))
