"""RSS 2.0 and Atom feeds of the latest articles: the whole paper's, each section's, each author's.

Django's feed framework writes the XML. The two generator subclasses only add
what it has no field for: the lead photo as a Media RSS element (with its size,
caption and credit) and, in RSS, the date of the last update; before writing, they take out
the characters XML 1.0 cannot carry, so that one bad row makes no feed unreadable. An item's
text is the standfirst, never the body; a subscriber article carries the category « Abonnés ».
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.translation import gettext as _

from quotidien.feedgenerators import XmlSafeMixin
from quotidien.links import author_feed_url, author_url, feed_url, page_url, public_url, site_url

from .meta import lead_photo
from .queries import (
    FEED_SIZE,
    FeedSource,
    author_feed_source,
    feed_articles,
    feed_live_pages,
    feed_source,
)
from .text import byline_text

MEDIA_NS = "http://search.yahoo.com/mrss/"


class MediaElementsMixin:
    """Adds `<media:content>` (Media RSS) for an item's photo, given as `media` in the item."""

    def add_media_namespace(self, attributes: dict) -> dict:
        return {**attributes, "xmlns:media": MEDIA_NS}

    def add_media_content(self, handler, item) -> None:
        media = item.get("media")
        if not media:
            return
        handler.startElement(
            "media:content",
            {
                "url": media["url"],
                "type": media["type"],
                "medium": "image",
                "width": str(media["width"]),
                "height": str(media["height"]),
            },
        )
        if media["caption"]:
            handler.addQuickElement("media:description", media["caption"], {"type": "plain"})
        if media["credit"]:
            handler.addQuickElement("media:credit", media["credit"])
        handler.endElement("media:content")


class MediaRssFeed(XmlSafeMixin, MediaElementsMixin, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with Media RSS photos and `<atom:updated>` for articles updated after publication."""

    def rss_attributes(self):
        return self.add_media_namespace(super().rss_attributes())

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", feedgenerator.rfc3339_date(item["updateddate"]))
        self.add_media_content(handler, item)


class MediaAtomFeed(XmlSafeMixin, MediaElementsMixin, feedgenerator.Atom1Feed):
    """Atom 1.0 with Media RSS photos."""

    def root_attributes(self):
        return self.add_media_namespace(super().root_attributes())

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        self.add_media_content(handler, item)


def feed_photo(article) -> dict | None:
    """The article's lead photo (as on its page) with the file's length that RSS asks for."""
    photo = lead_photo(article)
    if photo is None:
        return None
    try:
        length = photo["file"].size
    except OSError:
        # RSS asks for a length; 0 is the advice when the size cannot be known.
        length = 0
    return {**photo, "length": length}


class LatestArticlesFeed(Feed):
    """The 50 latest live articles of the paper, or of one section (sub-sections included)."""

    feed_type = MediaRssFeed
    language = "fr"
    url_name = "feed-rss"

    def get_object(self, request, section_path: str | None = None) -> FeedSource:
        # The view's freshness check has usually read it already (views._feed_changed_at).
        source = getattr(request, "_syndication_feed", None)
        return source or feed_source(section_path=section_path, request=request)

    def title(self, source: FeedSource) -> str:
        if source.section:
            return f"{source.section.title} | {self.site_name()}"
        return _("%(site)s : les derniers articles") % {"site": self.site_name()}

    def description(self, source: FeedSource) -> str:
        if source.section:
            return _("Les derniers articles de la rubrique %(section)s de %(site)s.") % {
                "section": source.section.title,
                "site": self.site_name(),
            }
        return _("Les derniers articles publiés par %(site)s.") % {"site": self.site_name()}

    def subtitle(self, source: FeedSource) -> str:
        return self.description(source)

    def link(self, source: FeedSource) -> str:
        if source.section:
            return page_url(source.section, source.request)
        return public_url("/")

    def feed_url(self, source: FeedSource) -> str:
        return feed_url(self.url_name, source.section, source.request)

    def feed_guid(self, source: FeedSource) -> str:
        return self.feed_url(source)

    def author_name(self, source: FeedSource) -> str:
        return self.site_name()

    def feed_copyright(self, source: FeedSource) -> str:
        return _("© %(site)s. Tous droits réservés.") % {"site": self.site_name()}

    def items(self, source: FeedSource):
        articles = feed_articles(source.ids, source.request)
        # Live coverage (quotidien.live) among the articles, by first publication.
        articles = sorted(
            [*articles, *feed_live_pages(source)],
            key=lambda item: item.first_published_at,
            reverse=True,
        )[:FEED_SIZE]
        for article in articles:
            article.lead_photo = feed_photo(article)
        return articles

    def item_title(self, article) -> str:
        return article.title

    def item_description(self, article) -> str:
        # The standfirst is plain text; RSS and Atom summaries are read as HTML. Never any
        # of the body: a subscriber article's rest must not reach readers through the feed.
        return escape(article.standfirst)

    def item_link(self, article) -> str:
        return article.public_url

    def item_guid(self, article) -> str:
        # Stays the same if the article is moved or renamed, unlike its URL.
        host = urlsplit(site_url()).hostname
        day = article.first_published_at.strftime("%Y-%m-%d")
        return f"tag:{host},{day}:article/{article.pk}"

    def item_guid_is_permalink(self, article) -> bool:
        return False

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        # A live page is updated by its newest entry, without being published again.
        updated = getattr(article, "updated_at", None)
        return updated or article.last_published_at or article.first_published_at

    def item_author_name(self, article) -> str | None:
        return byline_text(list(article.authors.all()), article.agency) or None

    def item_categories(self, article) -> list[str]:
        sections = [section.title for section in article.section_trail]
        # Feed readers show categories as labels: "Abonnés" says the link leads to a
        # teaser, without changing the headline.
        subscribers = [_("Abonnés")] if article.for_subscribers else []
        return list(dict.fromkeys([*subscribers, *sections, *article.tag_names]))

    def item_enclosures(self, article) -> list:
        photo = article.lead_photo
        if photo is None:
            return []
        return [feedgenerator.Enclosure(photo["url"], str(photo["length"]), photo["type"])]

    def item_extra_kwargs(self, article) -> dict:
        return {"media": article.lead_photo}

    @staticmethod
    def site_name() -> str:
        return settings.WAGTAIL_SITE_NAME


class LatestArticlesAtomFeed(LatestArticlesFeed):
    """The same articles as an Atom 1.0 feed."""

    feed_type = MediaAtomFeed
    url_name = "feed-atom"


class AuthorArticlesFeed(LatestArticlesFeed):
    """The 50 latest live articles an author signed."""

    url_name = "feed-rss-author"

    def get_object(self, request, slug: str) -> FeedSource:
        # Read already by the view's freshness check, as for the other feeds.
        source = getattr(request, "_syndication_feed", None)
        return source or author_feed_source(slug=slug, request=request)

    def title(self, source: FeedSource) -> str:
        return f"{source.author.name} | {self.site_name()}"

    def description(self, source: FeedSource) -> str:
        return _("Les derniers articles de %(author)s dans %(site)s.") % {
            "author": source.author.name,
            "site": self.site_name(),
        }

    def link(self, source: FeedSource) -> str:
        return author_url(source.author)

    def feed_url(self, source: FeedSource) -> str:
        return author_feed_url(self.url_name, source.author)


class AuthorArticlesAtomFeed(AuthorArticlesFeed):
    """The same articles as an Atom 1.0 feed."""

    feed_type = MediaAtomFeed
    url_name = "feed-atom-author"
