"""Reads of comments used by the article page, the comments page, the API and moderation."""

from django.db.models import Count, Prefetch, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from quotidien.links import request_path
from quotidien.news.queries import unrestricted
from quotidien.pagecache import reads, versions

from .models import Comment

OLDEST_FIRST = "anciens"


# The count and newest comment under an article, some 8 KB each with its author.
SUMMARIES = reads.KeptReads("comment-summary", 128)
# A reader's own comments awaiting moderation under an article, shown on each of their
# views of it: kept until one of their comments changes.
AWAITING = reads.KeptReads("comments-awaiting", 1024)


def published_count(article) -> int:
    """How many comments readers see under `article`, replies included."""
    return Comment.objects.visible().filter(article=article).count()


def summary(article) -> tuple[int, Comment | None]:
    """The article's published count and newest comment, kept until its comments change."""
    return SUMMARIES.get(
        article.pk,
        lambda: (published_count(article), newest_published(article)),
        depends_on=versions.path_keys(request_path(article) or "/"),
    )


def public_comments():
    """The published comments any reader may read: under a live article that no password,
    login or group restricts, in a thread still published. The others stay with their
    article."""
    return (
        Comment.objects.visible()
        .filter(unrestricted("article__"), article__live=True)
        .select_related("article", "author")
    )


def newest_published(article) -> Comment | None:
    return (
        Comment.objects.visible()
        .filter(article=article)
        .select_related("author")
        .order_by("-published_at", "-pk")
        .first()
    )


def newer_threads(article, thread: Comment) -> int:
    """How many published threads of `article` come before `thread`, newest first."""
    return (
        Comment.objects.published()
        .filter(article=article, parent=None)
        .filter(
            Q(published_at__gt=thread.published_at)
            | Q(published_at=thread.published_at, pk__gt=thread.pk)
        )
        .count()
    )


def awaiting_for(article, user) -> list[Comment]:
    """The reader's own comments on `article` that readers do not see: held or refused."""
    if not user.is_authenticated:
        return []

    def read():
        return list(
            Comment.objects.filter(article=article, author=user)
            .exclude(status=Comment.Status.PUBLISHED)
            .order_by("-created_at")[:5]
        )

    return AWAITING.get((user.pk, article.pk), read, depends_on=(_reader_token(user.pk),))


def _reader_token(user_id: int) -> str:
    return f"reader-comments:{user_id}"


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def _reader_comment_changed(sender, instance: Comment, **kwargs) -> None:
    versions.bump(_reader_token(instance.author_id))


def threads(article, *, order: str = ""):
    """Published top-level comments with their published replies, oldest replies first.

    `order` is "" for newest first or OLDEST_FIRST; the result is lazy, to be paginated.
    """
    ordering = ["published_at", "pk"] if order == OLDEST_FIRST else ["-published_at", "-pk"]
    return (
        Comment.objects.published()
        .filter(article=article, parent=None)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=Comment.objects.published()
                .select_related("author")
                .order_by("published_at", "pk"),
                to_attr="published_replies",
            )
        )
        .order_by(*ordering)
    )


def reader_history(users) -> dict[int, dict[str, int]]:
    """Per author: how many comments were published, held and refused (for moderators)."""
    rows = (
        Comment.objects.filter(author__in=users)
        .values("author")
        .annotate(
            published=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
            pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
            rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
        )
    )
    return {row.pop("author"): row for row in rows}
