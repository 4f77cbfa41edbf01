"""The reader's own parts of an article's comments: their comments awaiting moderation,
and the notice of a ban, before they write (see quotidien.pagecache.personal)."""

from django.template.loader import render_to_string
from django.utils.html import format_html

from quotidien.moderation import policy
from quotidien.pagecache.personal import part

from .queries import awaiting_for
from .services import ban_message


@part("comments-awaiting")
def awaiting(request, article) -> str:
    """The reader's held or refused comments on `article`, which other readers do not see."""
    comments = awaiting_for(article, request.user)
    if not comments:
        return ""
    # Without the request: a plain context, none of the site's context processors.
    return render_to_string("comments/includes/awaiting.html", {"awaiting": comments})


@part("comment-ban")
def ban_notice(request, article) -> str:
    """Above the form, a barred or suspended reader's notice, until when: told before they
    write rather than after."""
    if (ban := policy.active_ban(request.user)) is None:
        return ""
    return format_html('<p class="message message--warning">{}</p>', ban_message(ban))
