"""What outdates cached pages: publishing, moves, bylines, photos, sites, privacy, comments,
a commenter's name."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from quotidien.comments.models import Comment
from quotidien.comments.signals import comments_changed
from quotidien.links import request_path
from quotidien.news.images import NewsImage
from quotidien.news.models import Agency, Author

from . import versions

# What a user's shown name is made of (User.get_display_name).
NAME_FIELDS = frozenset({"display_name", "first_name", "last_name", "username"})


def outdate_article(sender, article_id: int, **kwargs) -> None:
    page = Page.objects.filter(pk=article_id).first()
    if page is not None and (path := request_path(page)):
        versions.outdate_path(path)


def comment_deleted(sender, instance: Comment, **kwargs) -> None:
    """A published comment deleted without the comments' services (an account removed in
    the back office takes its comments with it) leaves its article's pages too."""
    if instance.status == Comment.Status.PUBLISHED:
        outdate_article(sender, article_id=instance.article_id)


def commenter_renaming(sender, instance, update_fields=None, **kwargs) -> None:
    """Note, before it is saved, whether a reader's shown name changes while they have
    comments published: then every page is outdated, by one token, once it is saved
    (`commenter_renamed`). Their comments may be under any article, and finding which
    would read them all; names change seldom."""
    instance._pagecache_renamed = False
    if instance.pk is None or (update_fields is not None and not NAME_FIELDS & set(update_fields)):
        return
    before = sender._default_manager.filter(pk=instance.pk).only(*NAME_FIELDS).first()
    if before is None or before.get_display_name() == instance.get_display_name():
        return
    instance._pagecache_renamed = Comment.objects.filter(
        author_id=instance.pk, status=Comment.Status.PUBLISHED
    ).exists()


def commenter_renamed(sender, instance, **kwargs) -> None:
    # After the write: a page rendered before it would otherwise be kept under the new token.
    if getattr(instance, "_pagecache_renamed", False):
        versions.outdate_site()


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
    user = get_user_model()
    pre_save.connect(commenter_renaming, sender=user, dispatch_uid="pagecache-commenter-renaming")
    post_save.connect(commenter_renamed, sender=user, dispatch_uid="pagecache-commenter-renamed")
