"""What comments add to the paper's article pages (see quotidien.news.extensions)."""

from wagtail import hooks

from quotidien.moderation.policy import comments_open
from quotidien.news import extensions

from . import views
from .queries import summary


@hooks.register(extensions.ARTICLE_AUDIENCE)
def comments_audience(article, request) -> tuple[bool, bool]:
    """Whether the newest comment is the reader's (no « Signaler » under it), and whether
    comments are open (they close by themselves)."""
    newest = summary(article)[1]
    return newest is not None and newest.author_id == request.user.pk, comments_open(article)


hooks.register(extensions.ARTICLE_COMMENTS, views.article_comments)
