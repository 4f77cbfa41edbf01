"""The reader's own comments awaiting moderation under an article (see
quotidien.pagecache.personal)."""

from django.template.loader import render_to_string

from quotidien.pagecache.personal import part

from .queries import awaiting_for


@part("comments-awaiting")
def awaiting(request, article) -> str:
    """The reader's held or refused comments on `article`, which other readers do not see."""
    comments = awaiting_for(article, request.user)
    if not comments:
        return ""
    # Without the request: a plain context, none of the site's context processors.
    return render_to_string("comments/includes/awaiting.html", {"awaiting": comments})
