"""The reader's own comments awaiting moderation under an article (see
quotidien.pagecache.personal)."""

from django.template import Context
from django.template.loader import get_template

from quotidien.pagecache.personal import part

from .queries import awaiting_for


@part("comments-awaiting")
def awaiting(request, article) -> str:
    """The reader's held or refused comments on `article`, which other readers do not see."""
    comments = awaiting_for(article, request.user)
    if not comments:
        return ""
    template = get_template("comments/includes/awaiting.html").template
    return template.render(Context({"awaiting": comments}))
