"""The corrections' RSS feed: each item links to the correction on its article's page."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from quotidien.feedgenerators import SafeRssFeed
from quotidien.links import page_url, public_url

from . import queries
from .models import Correction

FEED_SIZE = 50


class CorrectionsFeed(Feed):
    """The latest corrections and published replies of the paper."""

    feed_type = SafeRssFeed
    language = "fr"

    def title(self) -> str:
        return _("%(site)s : rectificatifs et droits de réponse") % {
            "site": settings.WAGTAIL_SITE_NAME
        }

    def description(self) -> str:
        return _("Les rectificatifs, précisions et droits de réponse publiés par %(site)s.") % {
            "site": settings.WAGTAIL_SITE_NAME
        }

    def link(self) -> str:
        return public_url(reverse("corrections:index"))

    def feed_url(self) -> str:
        return public_url(reverse("corrections:feed"))

    def items(self):
        return queries.published_corrections()[:FEED_SIZE]

    def item_title(self, correction: Correction) -> str:
        return f"{correction.get_kind_display()} : {correction.article.title}"

    def item_description(self, correction: Correction) -> str:
        return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in correction.paragraphs)

    def item_link(self, correction: Correction) -> str:
        return f"{page_url(correction.article) or public_url('/')}#{correction.anchor}"

    def item_guid(self, correction: Correction) -> str:
        return self.item_link(correction)

    def item_pubdate(self, correction: Correction):
        return correction.published_at
