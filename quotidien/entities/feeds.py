"""The RSS feed of an entity's latest articles, as the paper's other feeds: each item's
text is the standfirst, never the body (a subscriber article gives no more)."""

from django.utils.translation import gettext as _

from quotidien.links import public_url, site_root
from quotidien.syndication.feeds import LatestArticlesFeed
from quotidien.syndication.queries import FEED_SIZE, FeedSource

from . import queries


class EntityArticlesFeed(LatestArticlesFeed):
    """The 50 latest live, public articles naming an entity."""

    url_name = "entity-rss"

    def get_object(self, request, slug: str) -> FeedSource:
        entity = queries.visible_entity(slug)
        ids = list(queries.entity_article_ids(entity)[:FEED_SIZE])
        source = FeedSource(root=site_root(request), section=None, request=request, ids=ids)
        source.entity = entity
        return source

    def title(self, source: FeedSource) -> str:
        return f"{source.entity.name} | {self.site_name()}"

    def description(self, source: FeedSource) -> str:
        return _("Les derniers articles de %(site)s sur %(entity)s.") % {
            "entity": source.entity.name,
            "site": self.site_name(),
        }

    def link(self, source: FeedSource) -> str:
        return public_url(source.entity.get_absolute_url())

    def feed_url(self, source: FeedSource) -> str:
        return public_url(f"{source.entity.get_absolute_url()}rss/")
