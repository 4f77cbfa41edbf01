"""Serve anonymous readers' pages from the page cache, and keep it filled.

A page is cached only for a GET without session or messages cookie, when the response
is a 200 that sets no cookie and carries no CSRF token: whatever is personal is never
stored, and logged-in readers and staff always get their own page.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from . import versions

SKIPPED_PREFIXES = (
    "/admin/",
    "/api/",
    "/compte/",
    "/commentaires/",
    "/documents/",
    "/media/",
    "/static/",
)
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")


def cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE:
        return False
    if request.path.startswith(SKIPPED_PREFIXES):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDED")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def page_key(request) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{request.get_host()}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        store = caches["pages"]
        key = page_key(request)
        keys = versions.path_keys(request.path)
        now = versions.current(keys)
        entry = store.get(key)
        if entry is not None and entry["versions"] == now:
            return self.respond(request, entry, hit=True)
        response = self.get_response(request)
        if not cacheable_response(request, response):
            return response
        entry = {
            "versions": now,
            "status": response.status_code,
            "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
            "content": response.content,
            "etag": f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"',
            "last_modified": http_date(time.time()),
        }
        store.set(key, entry)
        return self.respond(request, entry, hit=False)

    def respond(self, request, entry: dict, *, hit: bool):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"].items():
            response[name] = value
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = entry["last_modified"]
        seconds = settings.PAGE_CACHE_CDN_SECONDS
        response["Cache-Control"] = (
            f"public, max-age=0, s-maxage={seconds}" if seconds else "public, max-age=0"
        ) + ", must-revalidate"
        response["X-Page-Cache"] = "hit" if hit else "miss"
        patch_vary_headers(response, ["Cookie"])
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=None, response=response
        )
