"""The live page's JSON answer: its latest entries as HTML fragments, for its script.

The script asks every `poll_seconds()`; most answers are a 304. Validators come from one
aggregate query (how many entries, when one last changed, when the page was last
published), so a 304 costs no rendering. The page cache keeps the answer too, under the
live page's path, which every entry outdates (see signal_handlers.py).
"""

import hashlib
from datetime import datetime

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from . import queries
from .models import LivePage

# Seconds a browser or a CDN may reuse an answer without asking: short, as entries come
# in minutes apart, and well under the polling interval.
MAX_AGE = 10


def validators(page: LivePage) -> tuple[str, datetime | None]:
    """The ETag and Last-Modified of the page's JSON answer."""
    count, changed = queries.entries_state(page)
    dates = [date for date in (changed, page.last_published_at) if date is not None]
    last_modified = max(dates, default=None)
    key = f"{page.pk}|{count}|{changed and changed.isoformat()}|{page.last_published_at}"
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32]), last_modified


def entries_data(request: HttpRequest, page: LivePage) -> dict:
    """What the script needs: the summary, the key entries, the latest entries with their
    ids, times and day markers, and whether the coverage is over."""
    context = {"page": page, "request": request}
    latest = queries.with_bodies(
        list(queries.entries(page, pinned=False)[: queries.ENTRIES_PER_PAGE])
    )
    pinned = queries.with_bodies(list(queries.entries(page, pinned=True)))
    days: dict[str, str] = {}
    entries = []
    for entry in latest:
        posted_at = timezone.localtime(entry.posted_at)
        # Its day, site time, and the marker the page shows above the day's entries, which
        # the script puts above it when the day changes, as the page does.
        day = posted_at.date().isoformat()
        if day not in days:
            days[day] = render_to_string(
                "live/includes/day.html", {"day": entry.posted_at}, request
            ).strip()
        entries.append(
            {
                "id": entry.anchor,
                "posted_at": posted_at.isoformat(),
                # As the entry's `data-updated` says it: the script compares them.
                "updated_at": timezone.localtime(entry.updated_at).isoformat(),
                "day": day,
                "day_html": days[day],
                "html": render_to_string(
                    "live/includes/entry.html", {"entry": entry}, request
                ).strip(),
            }
        )
    return {
        "closed": not page.is_open,
        "summary": render_to_string("live/includes/summary.html", context, request),
        "essentials": render_to_string(
            "live/includes/essentials.html", {**context, "pinned_entries": pinned}, request
        ),
        "entries": entries,
        "updated": render_to_string(
            "live/includes/updated.html",
            {"updated_at": queries.newest_post([*pinned, *latest])},
            request,
        ).strip(),
    }


@require_safe
def entries_json(request: HttpRequest, page: LivePage) -> HttpResponse:
    etag, last_modified = validators(page)
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        data = entries_data(request, page)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        response["ETag"] = etag
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
