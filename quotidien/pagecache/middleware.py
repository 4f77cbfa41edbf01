"""Serve anonymous readers' pages from the page cache, and keep it filled.

First in the middleware list, so that a stored page carries every header the others add.
Being outside the session's middleware, it also sees every response made with a
reader's session, and marks those made for a logged-in reader private: `Vary: Cookie`
alone keeps them from other readers only behind a proxy or CDN that honours it.
"""

from django.http import HttpResponse, QueryDict
from django.utils.cache import has_vary_header, patch_cache_control

from . import pages, viewing


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lookup = pages.look_up(request.META, request.path)
        if lookup is None:
            return announced(request, personal(request, self.get_response(request)))
        if lookup.page is not None:
            return as_response(lookup.page, request, hit=True)
        # The page is kept under its canonical query: it is rendered from that one. The
        # WSGI environ stays as it came, for what logs the request.
        if (query := pages.canonical_query(request.META, request.path, lookup)) is not None:
            request.META = {**request.META, "QUERY_STRING": query}
            request.GET = QueryDict(query)
        # The page is kept whole if it may be: its parts need not be (fragments.py).
        request.page_cache_keeps = True
        response = self.get_response(request)
        page = pages.keep(lookup, request, response)
        if page is None:
            return announced(request, personal(request, response))
        fresh = as_response(page, request, hit=False)
        # The deletion of a session cookie that names no session, so the client drops it.
        fresh.cookies = response.cookies
        return fresh


def as_response(page: pages.CachedPage, request, *, hit: bool) -> HttpResponse:
    status, headers, body = page.answer(request.META, hit=hit)
    viewing.viewed(request.META, page.counted, status)
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response


def personal(request, response):
    """`response`, marked private if it was made for a logged-in reader: it read their
    session (the session's middleware made it vary on Cookie) and they are logged in."""
    user = getattr(request, "user", None)
    if user is not None and has_vary_header(response, "Cookie") and user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    return response


def announced(request, response):
    """`response`, its view announced if the page asks for its views to be counted."""
    viewing.viewed(request.META, viewing.counted(request), response.status_code)
    return response
