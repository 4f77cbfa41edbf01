"""What outdates cached pages: publishing, moves, bylines, photos, sites, privacy, comments."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from quotidien.comments.models import Comment
from quotidien.comments.signals import comments_changed
from quotidien.news.images import NewsImage
from quotidien.news.models import Agency, Author
from quotidien.syndication.links import request_path

from . import versions


def outdate_article(sender, article_id: int, **kwargs) -> None:
    page = Page.objects.filter(pk=article_id).first()
    if page is not None and (path := request_path(page)):
        versions.outdate_path(path)


def comment_deleted(sender, instance: Comment, **kwargs) -> None:
    """A published comment deleted without the comments' services (an account removed in
    the back office takes its comments with it) leaves its article's pages too."""
    if instance.status == Comment.Status.PUBLISHED:
        outdate_article(sender, article_id=instance.article_id)


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(versions.outdate_site, dispatch_uid=f"pagecache-{signal}")
    post_delete.connect(versions.outdate_site, sender=Page, dispatch_uid="pagecache-delete")
    # A restriction answers before the cache would: a page made private must leave it.
    for model in (Author, Agency, NewsImage, Site, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(versions.outdate_site, sender=model, weak=False)
    comments_changed.connect(outdate_article, sender=Comment, dispatch_uid="pagecache-comments")
    post_delete.connect(comment_deleted, sender=Comment, dispatch_uid="pagecache-comment-delete")
