"""Views of articles served by a shared cache in front of the site (Varnish, a CDN), which
never reach it: the article carries a beacon, a tiny image of the site that the reader's
browser asks for on each view, answered 204 from the process's memory (`counting`),
without a cookie and never kept by a cache.

Behind such a cache (PAGE_CACHE_CDN_SECONDS above 0) the beacon counts every view,
those the site serves itself included, and the page no longer does: each view once.
The beacon's address names the article signed with SECRET_KEY, so that nobody counts
views of an address the site did not write.
"""

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from . import counting

_signer = signing.Signer(salt="quotidien.audience.beacon")


def counts_by_beacon() -> bool:
    """Whether a shared cache in front keeps the pages, so that views count by beacon."""
    return settings.PAGE_CACHE_CDN_SECONDS > 0


def mark(request, article_id: int) -> None:
    """Have the page that `request` asks for carry the beacon of the article `article_id`."""
    request.audience_beacon = article_id


def address(request) -> str:
    """The beacon's address for the page `request` asks for; empty when it has none."""
    article_id = getattr(request, "audience_beacon", None)
    if article_id is None:
        return ""
    return reverse("audience-beacon", args=[_signer.sign(str(article_id))])


@require_GET
def viewed(request, token: str) -> HttpResponse:
    """Count a reader's view of the article the beacon names."""
    try:
        article_id = int(_signer.unsign(token))
    except (signing.BadSignature, ValueError):
        raise Http404 from None
    counting.count_view(None, meta=request.META, counted=article_id)
    # Each view must reach the site: no cache may keep the answer.
    return HttpResponse(status=204, headers={"Cache-Control": "no-store"})
