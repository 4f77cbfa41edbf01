"""HTTP caching of the API's reads: short public max-age, ETag, Last-Modified and 304.

A public answer is the same whatever host the request named: its URLs are on the paper's
address (SITE_URL, see `content.absolute`), so a cache may keep one copy for every host,
and no `Vary: Host` is needed. Answers that depend on the reader vary on what names them
(`access`)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import parse_http_date_safe

DEFAULT_MAX_AGE = 60


def api_max_age() -> int:
    """Seconds a public read may be cached (setting QUOTIDIEN_API_CACHE_SECONDS)."""
    return int(getattr(settings, "QUOTIDIEN_API_CACHE_SECONDS", DEFAULT_MAX_AGE))


def conditional_read(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Add caching headers to a successful read; answer 304 when the client's copy is current."""
    if request.method not in {"GET", "HEAD"} or response.status_code != 200:
        return response
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=api_max_age())
    if not response.has_header("ETag"):
        set_response_etag(response)
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )
