"""The moderation queue's reads: the comments of each tab, with what a moderator needs."""

from django.db.models import Count, Prefetch, Q

from quotidien.comments.models import Comment, Report
from quotidien.comments.queries import reader_history

from .models import Ban

Status = Comment.Status

# Tab slug (in the URL) → title and the comments it lists.
TABS = {
    "attente": ("En attente", Q(status=Status.PENDING, open_reports=0)),
    "signales": ("Signalés", Q(open_reports__gt=0)),
    "approuves": ("Approuvés", Q(status=Status.PUBLISHED, open_reports=0)),
    "refuses": ("Refusés", Q(status=Status.REJECTED)),
}
DEFAULT_TAB = "attente"


def tab_counts() -> dict[str, int]:
    counts = Comment.objects.aggregate(
        **{slug: Count("pk", filter=condition) for slug, (_title, condition) in TABS.items()}
    )
    return counts


def tab_comments(tab: str):
    """The comments of one tab: oldest waiting first, newest decisions first."""
    order = ["created_at", "pk"] if tab in ("attente", "signales") else ["-moderated_at", "-pk"]
    if tab == "approuves":
        order = ["-published_at", "-pk"]
    return (
        Comment.objects.filter(TABS[tab][1])
        .select_related("author", "article", "moderated_by", "parent__author")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.filter(resolved_at__isnull=True).select_related("reporter"),
                to_attr="open_report_list",
            )
        )
        .order_by(*order)
    )


def annotate_authors(comments) -> None:
    """Give each comment `author_history` and `author_banned` with two queries in all."""
    authors = {comment.author_id for comment in comments}
    history = reader_history(authors)
    banned = set(Ban.objects.filter(user__in=authors).values_list("user_id", flat=True))
    for comment in comments:
        comment.author_history = history.get(comment.author_id, {})
        comment.author_banned = comment.author_id in banned
