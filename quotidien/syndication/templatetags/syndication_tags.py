"""Template tags for the head of every page: feed links, canonical URL, social cards, JSON-LD.

In base.html: ``{% feed_links %}`` and, in ``{% block meta %}``, ``{% page_meta %}``.
"""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from quotidien.news.models import ArticlePage, SectionPage

from ..links import page_path, public_url
from ..meta import head_for, json_for_script

register = template.Library()


@register.inclusion_tag("syndication/page_meta.html", takes_context=True)
def page_meta(context) -> dict:
    """Description, canonical URL, Open Graph, Twitter card and JSON-LD of the page shown."""
    return {"head": head_for(context.get("page"), context)}


@register.inclusion_tag("syndication/feed_links.html", takes_context=True)
def feed_links(context) -> dict:
    """The paper's feeds, and those of the section shown (or of the article's section)."""
    site = settings.WAGTAIL_SITE_NAME
    feeds = [
        (_("%(site)s (RSS)") % {"site": site}, "application/rss+xml", reverse("feed-rss")),
        (_("%(site)s (Atom)") % {"site": site}, "application/atom+xml", reverse("feed-atom")),
    ]
    page = context.get("page")
    section = page if isinstance(page, SectionPage) else None
    if isinstance(page, ArticlePage):
        section = getattr(page, "section", None)
    path = page_path(section, context.get("request")) if section else None
    if path:
        for name, kind in (("feed-rss", "RSS"), ("feed-atom", "Atom")):
            feeds.append(
                (
                    f"{section.title} | {site} ({kind})",
                    f"application/{kind.lower()}+xml",
                    reverse(f"{name}-section", args=[path.strip("/")]),
                )
            )
    return {"feeds": [(title, kind, public_url(url)) for title, kind, url in feeds]}


@register.filter
def json_ld(data) -> str:
    """A JSON-LD document, safe inside <script type="application/ld+json">."""
    return mark_safe(json_for_script(data))
