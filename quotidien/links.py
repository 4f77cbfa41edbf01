"""Absolute addresses of the paper's pages, for feeds, sitemaps and the head of each page.

Every absolute URL the paper hands out is built on its public address (the
`SITE_URL` setting, `WAGTAILADMIN_BASE_URL` in Django's settings), whatever host
the request came through, so that search engines and aggregators see one
address per story. Paths come from Wagtail's `url_path` and the site's root,
which Wagtail caches: no query per page.
"""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from wagtail.models import Page, Site


def site_url() -> str:
    """The paper's public address, without a trailing slash (``https://journal.example``)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def public_url(path: str) -> str:
    """`path` on the paper's public address; an absolute URL is only made ASCII-safe.

    Non-ASCII slugs (accents, Arabic) are percent-encoded, as feeds and sitemaps require.
    """
    if urlsplit(path).scheme:
        return iri_to_uri(path)
    return iri_to_uri(site_url() + path)


def page_path(page: Page, request=None) -> str | None:
    """The page's path on its site ("/monde/syrie/"), or None if it is on no site."""
    parts = page.get_url_parts(request)
    return parts[2] if parts else None


def request_path(page: Page) -> str | None:
    """The page's path as Django's `request.path` spells it: decoded ("/société/")."""
    path = page_path(page)
    return unquote(path) if path is not None else None


def page_url(page: Page, request=None) -> str | None:
    """The page's absolute public URL, from Wagtail's cached site roots."""
    path = page_path(page, request)
    return public_url(path) if path is not None else None


def path_from_url_path(url_path: str, *, root_url_path: str) -> str:
    """The public path of a page given its `url_path` and its site root's ("/accueil/")."""
    return url_path[len(root_url_path) - 1 :]


def feed_url(url_name: str, section: Page | None = None, request=None) -> str:
    """The public URL of the paper's feed `url_name` ("feed-rss"), or of `section`'s feed."""
    if section is None:
        return public_url(reverse(url_name))
    path = page_path(section, request).strip("/")
    return public_url(reverse(f"{url_name}-section", args=[path]))


def author_url(author) -> str:
    """The public URL of `author`'s page."""
    return public_url(reverse("author", args=[author.slug]))


def author_feed_url(url_name: str, author) -> str:
    """The public URL of `author`'s feed `url_name` ("feed-rss-author")."""
    return public_url(reverse(url_name, args=[author.slug]))


def site_root(request=None) -> Page:
    """The home page of the default site, whose descendants feeds and sitemaps list.

    Read once per request; a 404 saying so in French while the site has no home page.
    """
    root = getattr(request, "_syndication_root", None)
    if root is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        if site is None:
            raise Http404(_("Le site n’a pas encore de page d’accueil."))
        root = site.root_page
        if request is not None:
            request._syndication_root = root
    return root
