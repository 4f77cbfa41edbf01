"""The moderation queue's reads: the comments of each tab, with what a moderator needs."""

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from django.db.models import Count, Min, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from quotidien.comments.models import Comment, Report
from quotidien.comments.queries import reader_history

from .models import Ban

Status = Comment.Status


class Tab(NamedTuple):
    title: str
    condition: Q
    order: tuple[str, ...]


# Tab slug (in the URL) → its title, the comments it lists and their order:
# oldest waiting first, newest decisions first.
TABS = {
    "attente": Tab(_("En attente"), Q(status=Status.PENDING, open_reports=0), ("created_at", "pk")),
    "signales": Tab(_("Signalés"), Q(open_reports__gt=0), ("created_at", "pk")),
    "approuves": Tab(
        _("Approuvés"), Q(status=Status.PUBLISHED, open_reports=0), ("-published_at", "-pk")
    ),
    "refuses": Tab(_("Refusés"), Q(status=Status.REJECTED), ("-moderated_at", "-pk")),
}
DEFAULT_TAB = "attente"


def tab_counts() -> dict[str, int]:
    """How many comments each tab lists, in one query."""
    return Comment.objects.aggregate(
        **{slug: Count("pk", filter=tab.condition) for slug, tab in TABS.items()}
    )


def waiting_summary() -> dict:
    """What waits for moderators, in one query.

    `waiting` and `reported` count the first two tabs; `oldest` is when the oldest waiting
    comment was written, None when none waits.
    """
    return Comment.objects.aggregate(
        waiting=Count("pk", filter=TABS["attente"].condition),
        reported=Count("pk", filter=TABS["signales"].condition),
        oldest=Min("created_at", filter=TABS["attente"].condition),
    )


def tab_comments(slug: str):
    """The comments of one tab, with their author, article and open reports."""
    tab = TABS[slug]
    return _for_moderators(Comment.objects.filter(tab.condition)).order_by(*tab.order)


def author_comments(author):
    """All the comments of `author`, whatever their status, newest first, as a tab lists them."""
    return _for_moderators(Comment.objects.filter(author=author)).order_by("-created_at", "-pk")


def _for_moderators(comments):
    return comments.select_related(
        "author", "article", "moderated_by", "parent__author"
    ).prefetch_related(
        Prefetch(
            "reports",
            queryset=Report.objects.filter(resolved_at__isnull=True).select_related("reporter"),
            to_attr="open_report_list",
        )
    )


def comments_refused_by_ban(*, author, comments: Iterable[Comment] = ()):
    """What banning `author` refuses: their `comments` that led to it and all still waiting.

    Comments refused already stay out: the ban does nothing to them, nor does its undoing.
    """
    ids = [comment.pk for comment in comments]
    return (
        Comment.objects.filter(author=author)
        .filter(Q(status=Status.PENDING) | Q(pk__in=ids))
        .exclude(status=Status.REJECTED)
    )


def annotate_authors(comments) -> None:
    """Give each comment `author_history`, `author_banned` and `author_banned_until` (None
    for good) with two queries in all."""
    authors = {comment.author_id for comment in comments}
    history = reader_history(authors)
    banned = dict(Ban.objects.active().filter(user__in=authors).values_list("user_id", "until"))
    for comment in comments:
        comment.author_history = history.get(comment.author_id, {})
        comment.author_banned = comment.author_id in banned
        comment.author_banned_until = banned.get(comment.author_id)


class BanPreview(NamedTuple):
    """What banning one author would do, for the moderator to confirm."""

    author: object
    comments: list[Comment]
    history: dict[str, int]
    banned: bool
    waiting: int
    others: int


def ban_previews(comments: list[Comment]) -> list[BanPreview]:
    """For each author of `comments`: their history and what a ban would refuse.

    `waiting` counts their comments still waiting, `others` those of `comments` a ban would
    refuse besides (published ones), as `comments_refused_by_ban` has it.
    """
    by_author: dict[int, list[Comment]] = {}
    for comment in comments:
        by_author.setdefault(comment.author_id, []).append(comment)
    history = reader_history(by_author)
    banned = set(Ban.objects.active().filter(user__in=by_author).values_list("user_id", flat=True))
    # What a ban would refuse, for every author at once: one query, not one per author.
    refused = Counter(
        Comment.objects.filter(author__in=by_author)
        .filter(Q(status=Status.PENDING) | Q(pk__in=[comment.pk for comment in comments]))
        .exclude(status=Status.REJECTED)
        .values_list("author_id", "status")
    )
    previews = []
    for author_id, theirs in by_author.items():
        waiting = refused[(author_id, Status.PENDING)]
        refused_total = sum(n for (author, _status), n in refused.items() if author == author_id)
        previews.append(
            BanPreview(
                author=theirs[0].author,
                comments=theirs,
                history=history.get(author_id, {}),
                banned=author_id in banned,
                waiting=waiting,
                others=refused_total - waiting,
            )
        )
    return previews
