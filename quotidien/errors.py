"""The site's answers to requests it refuses before any view: in French, saying what to do.

- `page_not_found` (`handler404`): the paper's page for an address it does not have; a
  view that knows why (`NotFound`: a list's page past its end) says so, with a way back.
- `bad_request` (`handler400`): a request malformed, too large, or for a Host the site
  does not serve, told in a page that reads neither the database nor the Host;
  `server_error` (`handler500`) likewise, for a failure of the site.
- `csrf_failure` (`settings.CSRF_FAILURE_VIEW`): a form sent without its security cookie
  or token, mostly by a reader whose page stayed open too long or whose browser blocks
  cookies. A page of the site that says to reload and send again, and repeats nothing of
  what was sent.
- `MethodNotAllowedMiddleware`: Django's 405 has an empty body; this one says which
  methods the address takes. It also refuses, for every address, a method no view of the
  site takes (TRACE, CONNECT, a made-up one), which a function view would otherwise
  answer with its page.
- `RequestBodyLimitMiddleware`: a body larger than the site reads
  (`settings.REQUEST_BODY_MAX_BYTES`, more under some paths) is refused with a 413 before
  any of it is read, on its Content-Length, or, sent in chunks, as soon as it passes the
  limit: a reader's upload is checked by its form only once received, written to disk.
- `OneLineWarning`, `ClientErrorsInOneLine`: logging filters for refusals that are the
  client's doing (a body too large or unreadable, an unknown Host), which Django logs with
  a traceback: a warning line is what an operator needs of them.
"""

import logging
import tempfile

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_http_methods

from quotidien.api.errors import error_response
from quotidien.french.typography import french_size, french_size_past

# The methods a view of the site may take (Django's, in lower case); any other is refused
# before the view.
KNOWN_METHODS = tuple(method for method in View.http_method_names if method != "trace")
# The back office, whose views say for themselves which methods they take.
ADMIN_PREFIX = "/admin/"
# What a function view, which does not say, is taken to accept: a page and its form.
FUNCTION_VIEW_METHODS = ("GET", "HEAD", "POST")


def takes(*methods: str):
    """Django's `require_http_methods(methods)` for a function view, which also tells
    MethodNotAllowedMiddleware: another method is a 405 ahead of the CSRF check, not an
    expired form."""

    def decorator(view_func):
        view = require_http_methods(list(methods))(view_func)
        view.http_methods = tuple(methods)
        return view

    return decorator


def methods_taken_by(view_func) -> list[str]:
    """The methods a view takes: a class-based view's handlers (as Django's `View` answers
    OPTIONS), those a function view declares with `takes`, else those of a page and its
    form."""
    if declared := getattr(view_func, "http_methods", None):
        return list(declared)
    view_class = getattr(view_func, "view_class", None)
    if view_class is None:
        return list(FUNCTION_VIEW_METHODS)
    return [
        method.upper()
        for method in KNOWN_METHODS
        if method in view_class.http_method_names
        and (hasattr(view_class, method) or (method == "head" and hasattr(view_class, "get")))
    ]


def standalone_page(template: str, **context) -> str:
    """An error page rendered without the request: an unknown Host or a failing database
    ends here, and the context processors would read them. The paper's name and the
    stylesheet's address come from the settings, not from the static files' manifest, so
    that the page shows even without one."""
    context |= {"site_name": settings.WAGTAIL_SITE_NAME, "static_url": settings.STATIC_URL}
    return loader.render_to_string(template, context)


class NotFound(Http404):
    """A 404 whose message is for the reader, in French, and that may lead somewhere:
    `back` is an address and its link text."""

    def __init__(self, message: str, *, back: tuple[str, str] | None = None):
        super().__init__(message)
        self.back = back


def page_not_found(request, exception):
    """404 (`handler404`): the general page, or what a `NotFound` says."""
    context = {}
    if isinstance(exception, NotFound):
        context = {"explanation": str(exception), "back": exception.back}
    return HttpResponseNotFound(loader.render_to_string("404.html", context, request))


def bad_request(request, exception):
    """400: a request the site could not read (`handler400`)."""
    return HttpResponseBadRequest(standalone_page("400.html"))


def server_error(request):
    """500: the site failed (`handler500`)."""
    return HttpResponseServerError(standalone_page("500.html"))


def csrf_failure(request, reason: str = ""):
    """403: the form could not be checked; Django's `reason` is for developers, in English."""
    response = render(request, "403_csrf.html", status=403)
    add_never_cache_headers(response)
    return response


class MethodNotAllowedMiddleware:
    """Gives an empty 405 a short French body that names the methods the address takes,
    and answers so a method no view of the site takes, or that the view does not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method.lower() not in KNOWN_METHODS:
            return HttpResponseNotAllowed(methods_taken_by(view_func))
        # Ahead of the CSRF check, which would call a DELETE on a page an expired form. The
        # back office's views, and those that do their own checks (the API, a webhook),
        # answer for themselves: Wagtail routes its page views through a plain function
        # whose views take DELETE (a preview's data cleared).
        if request.path.startswith(ADMIN_PREFIX) or getattr(view_func, "csrf_exempt", False):
            return None
        taken = methods_taken_by(view_func)
        if request.method not in (*taken, "OPTIONS"):
            return HttpResponseNotAllowed(taken)
        return None

    def __call__(self, request):
        return method_not_allowed_in_french(self.get_response(request))


def method_not_allowed_in_french(response):
    """`response`, if an empty 405, with a short French body naming the methods taken."""
    if response.status_code == 405 and not response.streaming and not response.content:
        message = _("Méthode non autorisée.")
        if allowed := response.get("Allow"):
            message = _("Méthode non autorisée : cette adresse accepte %(methods)s.") % {
                "methods": allowed
            }
        response.content = f"{message}\n"
        response["Content-Type"] = "text/plain; charset=utf-8"
        # CommonMiddleware, inside, may have measured the empty body.
        response["Content-Length"] = str(len(response.content))
    return response


# What is read at a time of a body sent in chunks.
CHUNK_BYTES = 64 * 1024


def body_limit(path: str) -> int:
    """The largest request body read for `path`: the limit of the first prefix of
    `settings.REQUEST_BODY_MAX_BYTES_BY_PREFIX` that it starts with, else the site's."""
    for prefix, limit in settings.REQUEST_BODY_MAX_BYTES_BY_PREFIX.items():
        if path.startswith(prefix):
            return limit
    return settings.REQUEST_BODY_MAX_BYTES


def too_large(request, limit: int, size: int | None = None) -> HttpResponse:
    """413, in French: as the API's errors for the API, else a short page of the site."""
    if size is None:
        message = _("Ce que vous envoyez dépasse %(max)s, le plus que le site accepte.") % {
            "max": french_size(limit)
        }
    else:
        message = _("Ce que vous envoyez pèse %(size)s : %(max)s au plus.") % {
            "size": french_size_past(size, limit),
            "max": french_size(limit),
        }
    if request.path.startswith("/api/"):
        response = error_response(413, message)
    else:
        response = HttpResponse(standalone_page("413.html", message=message), status=413)
    add_never_cache_headers(response)
    return response


class RequestBodyLimitMiddleware:
    """Refuses a request whose body is larger than `body_limit()` before reading it; a
    body sent in chunks, which comes without a Content-Length and which Django would not
    read at all, is read up to the limit and given to the rest as if it had one.

    Before any middleware that reads a body (the CSRF check reads a form's), and inside
    SecurityMiddleware, X-Frame-Options and the CSP, so that its 413 carries their headers
    (quotidien/settings/core.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request.path)
        declared = request.META.get("CONTENT_LENGTH")
        if declared:
            # What is no number Django reads as no body.
            if declared.isdigit() and int(declared) > limit:
                return too_large(request, limit, int(declared))
            return self.get_response(request)
        if "chunked" not in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return self.get_response(request)
        # Kept in memory while small, on disk beyond, as Django keeps uploaded files.
        with tempfile.SpooledTemporaryFile(settings.FILE_UPLOAD_MAX_MEMORY_SIZE) as body:
            source = request.META["wsgi.input"]
            while chunk := source.read(CHUNK_BYTES):
                body.write(chunk)
                if body.tell() > limit:
                    return too_large(request, limit)
            size = body.tell()
            body.seek(0)
            request.META["CONTENT_LENGTH"] = str(size)
            # Django's WSGIRequest reads its body from this private attribute, set from
            # CONTENT_LENGTH when it was made; tests/test_request_size.py pins it (a
            # chunked body reaches the view whole).
            request._stream = LimitedStream(body, size)
            return self.get_response(request)


class OneLineWarning(logging.Filter):
    """Logs a record as a warning, without the traceback it carries, and at most
    `MAX_CHARACTERS` long: what the client sent (a Host header of 8,000 characters, which
    Django's message repeats) must not weigh more in the log than in the request."""

    MAX_CHARACTERS = 1000

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        record.exc_info = record.exc_text = None
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: logging reports it, as before this filter
            return True
        if len(message) > self.MAX_CHARACTERS:
            record.msg, record.args = message[: self.MAX_CHARACTERS] + "…", ()
        return True


class ClientErrorsInOneLine(OneLineWarning):
    """`django.request`'s records of an answer under 500 (a body that cannot be parsed, a
    permission refused) as one warning line: the client's doing, not a fault to trace.
    Server errors keep their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            return super().filter(record)
        return True
