"""Who reads a subscriber article in full through the API, and how such answers are cached.

The decision is the site's (`quotidien.subscriptions.access.article_access`); the API only
says who the reader is: the reader of a token, else the one of the site's session, else
nobody. It spends no meter: the month's free articles are for reading on the site, and an
app that fetches articles ahead of reading them would use them up unread. So a reader who
does not read everything is asked about as an anonymous one (gift links and institutions'
addresses still open the article, as on the site).
"""

import copy

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from quotidien.news.models import ArticlePage
from quotidien.subscriptions.access import Access, article_access, reads_everything

from .auth import ReaderSessionAuth, ReaderTokenAuth

# The request headers that may change what one article's answer holds.
READER_HEADERS = ["Authorization", "Cookie"]


class NoReader:
    """A request without credentials: reads what anonymous readers read.

    An auth callback of ninja's must answer something true for the request to go on; this
    one does only when no `Authorization` header was sent, so that a token that is wrong or
    expired is a 401 (the app then knows to ask for another) instead of a quiet teaser.
    """

    def __call__(self, request: HttpRequest):
        if request.headers.get("Authorization"):
            return None
        return AnonymousUser()


# A reader token, the site's session, or nothing at all.
OPTIONAL_READER_AUTH = [ReaderTokenAuth(), ReaderSessionAuth(), NoReader()]
# Added to the schemes ninja lists for OPTIONAL_READER_AUTH (it merges lists): the `{}`
# with which OpenAPI says "or no credentials at all".
OPTIONAL_READER_SECURITY = [{}]


def reader_of(request: HttpRequest):
    """The reader `OPTIONAL_READER_AUTH` found: a token's, the session's, or an anonymous one."""
    reader = getattr(request, "auth", None)
    return reader if getattr(reader, "is_authenticated", False) else AnonymousUser()


def api_access(request: HttpRequest, article: ArticlePage) -> Access:
    """What the API's reader gets of `article` (see the module's docstring: no meter)."""
    reader = reader_of(request)
    asked = copy.copy(request)
    asked.user = reader if reads_everything(reader) else AnonymousUser()
    # Decided for this reader: not the answer the request kept for its session's user.
    asked.__dict__.pop("_quotidien_access", None)
    return article_access(asked, article)


def mark_answer(response: HttpResponse, access: Access) -> None:
    """A subscriber article's answer depends on the reader: shared caches key it on their
    credentials, and the whole text is the reader's own (private, never stored), so that a
    cache never hands it to someone else and its ETag is never a teaser's."""
    if not access.for_subscribers:
        return
    patch_vary_headers(response, READER_HEADERS)
    if access.personal:
        patch_cache_control(response, private=True, no_store=True)


def access_fields(article: ArticlePage) -> dict:
    """What a card says of an article's access: `access` and the badge to show."""
    if article.for_subscribers:
        return {"access": "subscribers", "badge": _("Abonnés")}
    return {"access": "free", "badge": None}
