"""The reader's own parts of every page's masthead (see quotidien.pagecache.personal)."""

from django.template.loader import render_to_string
from django.utils.html import escape

from quotidien.pagecache.personal import part
from quotidien.subscriptions.access import is_subscriber


@part("reader-name")
def reader_name(request, page) -> str:
    """The name the logged-in reader shows under their comments."""
    return escape(request.user.get_display_name())


@part("subscribe-offer")
def subscribe_offer(request, page) -> str:
    """The offer to subscribe, for every reader but subscribers (whatever else opens an
    article to them: the newsroom, a gift link, the meter)."""
    user = getattr(request, "user", None)
    if user is not None and is_subscriber(user):
        return ""
    # Without the request: a plain context, none of the site's context processors.
    return render_to_string("includes/subscribe_offer.html").strip()
