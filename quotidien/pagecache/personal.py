"""A logged-in reader's page, rendered once for every reader who would see the same.

The page cache serves anonymous readers only: a logged-in reader's page carries their
name, their forms' CSRF token and their own comments awaiting moderation. Yet the rest of
an article page is the same for every reader who may read as much of it. A page that
opts in (`serve`) is rendered once per *audience*, what decides all but the reader's own
parts (for an article: what the reader may read of it, whether the newest comment is
theirs), with those parts left as markers, and kept in each process while the version
tokens of its path stand still and the day lasts (pages show the date). Each request
fills the markers in.

A reader's own part is a function of the request and the page registered with
`@part(name)`; templates show it with `{% personal "name" %}` (`personal_tags`), which
renders it in place unless a shared page is being rendered. A shared page is rendered
with a CSRF secret nobody holds, and every CSRF field in it becomes a marker too, filled
with the request's own token; markers carry a secret of the process, so that no text of a
page can pass for one.

A preview, a request with messages to show (after a form or a login) and any response
but a rendered 200 get their own page. `settings.PAGE_CACHE_SHARED_PERSONAL = False` turns
the sharing off.
"""

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import CSRF_SECRET_LENGTH, get_token
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from . import pages, versions

# Shared pages kept per thread, the least recently used going first (some 30 KB each).
SIZE = 64
# Markers carry a secret of this process: no text of a page can make one up.
_NONCE = get_random_string(16)
MARKER = f"<!--personal:{_NONCE}:{{}}-->"
CSRF = "csrf"
_MARKERS = re.compile(rf"<!--personal:{_NONCE}:([a-z0-9-]+)-->")
_CSRF_FIELD = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"<>]*">')
_ABSENT = object()

_parts: dict[str, Callable] = {}
_local = threading.local()


@dataclass(frozen=True)
class SharedPage:
    """A page as every reader of one audience gets it, their own parts as markers."""

    tokens: dict[str, str]
    content: str
    content_type: str


def part(name: str):
    """Register a reader's own part of a page: `function(request, page) -> str` (safe HTML)."""

    def register(function):
        _parts[name] = function
        return function

    return register


def render_part(name: str, request, page) -> SafeString:
    """The part `name` for the reader of `request`, or its marker in a shared page."""
    if getattr(request, "_personal_shared", False):
        return mark_safe(MARKER.format(name))
    return mark_safe(_parts[name](request, page))


def shareable(request) -> bool:
    """Whether the page of `request` may come from the shared page of its audience."""
    return (
        settings.PAGE_CACHE_SHARED_PERSONAL
        and request.method in ("GET", "HEAD")
        and request.user.is_authenticated
        and not getattr(request, "is_preview", False)
        and not len(messages.get_messages(request))
    )


def serve(request, page, audience: Hashable, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The page of `request`, filled in from the shared page of `audience`, which
    `render()` (a view returning a template response) makes when none is kept."""
    # The query string is left out: what a page reads of it is in its audience (a gift link).
    # The host without the Host header's port: any port passes ALLOWED_HOSTS.
    key = (pages.host(request.META), request.path, page.pk, timezone.localdate(), audience)
    depends_on = versions.path_keys(request.path)
    try:
        tokens = versions.current(depends_on)
    except versions.Unavailable:
        # Nothing kept can be known to be current (versions.py): rendered, and not kept.
        tokens = None
    store = _store()
    shared = store.get(key)
    if tokens is None or shared is None or shared.tokens != tokens:
        response, shared = _render_shared(request, page, render, tokens)
        if shared is None:
            return response
        if tokens is not None:
            store[key] = shared
            if len(store) > SIZE:
                store.popitem(last=False)
    else:
        store.move_to_end(key)
    return HttpResponse(_fill(shared.content, request, page), content_type=shared.content_type)


def forget() -> None:
    """Drop the shared pages of this thread (tests render from the database each time)."""
    _local.pages = OrderedDict()


def _render_shared(request, page, render, tokens) -> tuple[HttpResponse, SharedPage | None]:
    """The response of `render()` rendered as a shared page, and that page when it may be
    shared; else the response filled in for this reader alone."""
    # Rendered with a CSRF secret nobody holds: a token the page would carry in some other
    # form than Django's field, and so escape the markers, would open no one's forms.
    meta = request.META
    secret = meta.get("CSRF_COOKIE", _ABSENT), meta.get("CSRF_COOKIE_NEEDS_UPDATE", _ABSENT)
    meta["CSRF_COOKIE"] = get_random_string(CSRF_SECRET_LENGTH)
    request._personal_shared = True
    try:
        response = render()
        if isinstance(response, SimpleTemplateResponse):
            response.render()
    finally:
        request._personal_shared = False
        for name, value in zip(("CSRF_COOKIE", "CSRF_COOKIE_NEEDS_UPDATE"), secret, strict=True):
            if value is _ABSENT:
                meta.pop(name, None)
            else:
                meta[name] = value
    content = _CSRF_FIELD.sub(MARKER.format(CSRF), response.content.decode(response.charset))
    if response.status_code != 200 or response.cookies:
        response.content = _fill(content, request, page)
        return response, None
    return response, SharedPage(tokens, content, response["Content-Type"])


def _fill(content: str, request, page) -> str:
    filled = {}

    def part_of(match: re.Match) -> str:
        name = match.group(1)
        if name not in filled:
            if name == CSRF:
                filled[name] = format_html(
                    '<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
                    get_token(request),
                )
            else:
                filled[name] = _parts[name](request, page)
        return filled[name]

    return _MARKERS.sub(part_of, content)


def _store() -> OrderedDict:
    pages = getattr(_local, "pages", None)
    if pages is None:
        pages = _local.pages = OrderedDict()
    return pages
