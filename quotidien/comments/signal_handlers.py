"""What comments outdate in the page cache: their article's pages when one is published,
removed or deleted, and every page when a commenter changes their shown name."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save

from quotidien.pagecache import versions
from quotidien.pagecache.signals import outdate_article

from .models import Comment
from .signals import comments_changed

# What a user's shown name is made of (User.get_display_name).
NAME_FIELDS = frozenset({"display_name", "first_name", "last_name", "username"})


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
    comments_changed.connect(outdate_article, sender=Comment, dispatch_uid="pagecache-comments")
    post_delete.connect(comment_deleted, sender=Comment, dispatch_uid="pagecache-comment-delete")
    user = get_user_model()
    pre_save.connect(commenter_renaming, sender=user, dispatch_uid="pagecache-commenter-renaming")
    post_save.connect(commenter_renamed, sender=user, dispatch_uid="pagecache-commenter-renamed")
