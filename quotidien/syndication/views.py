"""Views of the stories going out: feeds, sitemaps and robots.txt.

Thin wrappers around Django's feed and sitemap views that add conditional GET
(Last-Modified, ETag, 304) and resolve what the URL names.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from quotidien.links import public_url, site_root

from . import sitemaps as paper_sitemaps
from .feeds import (
    AuthorArticlesAtomFeed,
    AuthorArticlesFeed,
    LatestArticlesAtomFeed,
    LatestArticlesFeed,
)
from .freshness import conditional, last_change
from .queries import author_feed_source, feed_source


def _feed_changed_at(request, section_path: str | None = None):
    source = feed_source(section_path=section_path, request=request)
    # The feed reuses what was read here (LatestArticlesFeed.get_object): one read per request.
    request._syndication_feed = source
    return last_change(published=source.newest_publication)


def _author_feed_changed_at(request, slug: str):
    source = author_feed_source(slug=slug, request=request)
    request._syndication_feed = source
    return last_change(published=source.newest_publication)


def _sitemap_changed_at(request, *args, **kwargs):
    return last_change(published=paper_sitemaps.newest_publication(root=site_root(request)))


def _news_changed_at(request, *args, **kwargs):
    return last_change(published=paper_sitemaps.newest_news(root=site_root(request)))


rss = require_safe(conditional(_feed_changed_at)(LatestArticlesFeed()))
atom = require_safe(conditional(_feed_changed_at)(LatestArticlesAtomFeed()))
author_rss = require_safe(conditional(_author_feed_changed_at)(AuthorArticlesFeed()))
author_atom = require_safe(conditional(_author_feed_changed_at)(AuthorArticlesAtomFeed()))


@require_safe
@conditional(_sitemap_changed_at)
def sitemap_index(request):
    """The sitemap index: every chunk of every section of the archive's sitemap."""
    response = sitemap_views.index(
        request,
        sitemaps=paper_sitemaps.archive_sitemaps(root=site_root(request)),
        sitemap_url_name="sitemap-section",
    )
    # Django puts the request's host in the index; the paper lists its public address.
    for entry in response.context_data["sitemaps"]:
        parts = urlsplit(entry.location)
        entry.location = public_url(parts._replace(scheme="", netloc="").geturl())
    return response


@require_safe
@conditional(_sitemap_changed_at)
def sitemap_section(request, section: str):
    """One chunk (`?p=`) of one section of the archive's sitemap."""
    sitemaps = paper_sitemaps.archive_sitemaps(root=site_root(request))
    if section not in sitemaps:
        raise Http404(_("Ce plan du site n’existe pas."))
    return _paginated(request, sitemaps, section=section, template_name="syndication/sitemap.xml")


@require_safe
@conditional(_news_changed_at)
def news_sitemap(request):
    """The Google News sitemap: the articles published in the last 48 hours."""
    return _paginated(
        request,
        {"news": paper_sitemaps.NewsSitemap(root=site_root(request))},
        section="news",
        template_name="syndication/news_sitemap.xml",
    )


def _paginated(request, sitemaps, **options):
    """Django's sitemap view; a page number that is not one gives a 404 in French."""
    page = request.GET.get("p", "1")
    if not (page.isascii() and page.isdecimal()) or int(page) < 1:
        raise Http404(_("La page « %(page)s » de ce plan du site n’existe pas.") % {"page": page})
    try:
        return sitemap_views.sitemap(request, sitemaps, **options)
    except Http404 as error:
        raise Http404(
            _("La page « %(page)s » de ce plan du site n’existe pas.") % {"page": page}
        ) from error


@require_safe
def robots_txt(request):
    """robots.txt: what crawlers may read, and where the sitemaps are."""
    return render(
        request,
        "syndication/robots.txt",
        {
            "sitemap_url": public_url(reverse("sitemap")),
            "news_sitemap_url": public_url(reverse("sitemap-news")),
        },
        content_type="text/plain; charset=utf-8",
    )
