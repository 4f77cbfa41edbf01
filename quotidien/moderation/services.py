"""What moderators and the screening do to comments; every step lands in the audit log."""

from collections.abc import Iterable
from dataclasses import asdict
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from quotidien.comments.models import Comment, Report
from quotidien.comments.signals import comments_changed

from .models import Ban, ModerationAction, RefusalReason
from .screening import HOLD, REJECT, Finding, Submission, decide, screen_comment
from .signals import comment_moderated
from .wordlists import current_word_lists

RECENT = timedelta(days=3)
Status = Comment.Status


def scorers() -> list:
    """The classifiers named in settings.MODERATION_SCORERS, instantiated when they are classes."""
    return _load_scorers(tuple(settings.MODERATION_SCORERS))


@lru_cache(maxsize=4)
def _load_scorers(paths: tuple[str, ...]) -> list:
    # A classifier may load a model: build it once per process, not once per comment.
    loaded = []
    for path in paths:
        scorer = import_string(path)
        loaded.append(scorer() if isinstance(scorer, type) else scorer)
    return loaded


def screen(*, author, body: str, now=None) -> list[Finding]:
    """The screening's findings on what `author` is about to post, given their history."""
    now = now or timezone.now()
    mine = Comment.objects.filter(author=author, created_at__lte=now)
    counts = mine.aggregate(
        last_minute=Count("pk", filter=Q(created_at__gte=now - timedelta(minutes=1))),
        published=Count("pk", filter=Q(status=Status.PUBLISHED)),
    )
    submission = Submission(
        text=body,
        recent_texts=list(
            mine.filter(created_at__gte=now - RECENT).values_list("body", flat=True)[:50]
        ),
        comments_last_minute=counts["last_minute"],
        published_comments=counts["published"],
        account_age=now - author.date_joined,
    )
    return screen_comment(submission, lists=current_word_lists(), scorers=scorers())


def apply_screening(comment: Comment, findings: list[Finding], *, pre_moderated: bool) -> None:
    """Set the status of a new comment from the findings and the section's policy (unsaved)."""
    verdict = decide(findings)
    comment.findings = [asdict(finding) for finding in findings]
    reasons = [f.reason for f in findings]
    if verdict == REJECT:
        comment.status = Status.REJECTED
    elif verdict == HOLD or pre_moderated:
        comment.status = Status.PENDING
        if pre_moderated and verdict != HOLD:
            reasons.append(
                _("Rubrique modérée a priori : chaque commentaire attend un modérateur.")
            )
    else:
        comment.status = Status.PUBLISHED
        comment.published_at = comment.created_at
    comment.held_reason = "\n".join(reasons)


def log(
    *, kind: str, reader, comment=None, moderator=None, reason: str = "", category: str = ""
) -> ModerationAction:
    """Add one line to the audit log; `moderator` is None for the automatic screening."""
    return ModerationAction.objects.create(
        kind=kind,
        comment=comment,
        reader=reader,
        moderator=moderator,
        reason=reason,
        category=category,
    )


def refusal_text(*, category: str = "", note: str = "") -> str:
    """What a reader is told of a refusal: the charter's reason, then the moderator's note.

    `category` is a `RefusalReason` code or ""; an unknown one is a ValidationError.
    """
    if category and category not in RefusalReason.values:
        raise ValidationError(
            _("Motif de refus inconnu : « %(category)s ». Choisissez l’un de ceux-ci : %(known)s.")
            % {"category": category, "known": ", ".join(RefusalReason.values)},
            code="category",
        )
    lines = [str(RefusalReason(category).label)] if category else []
    if note.strip():
        lines.append(note.strip())
    return "\n".join(lines) or _("Contraire à la charte des commentaires.")


@transaction.atomic
def approve(*, comments: Iterable[Comment], moderator, reason: str = "") -> int:
    """Publish the comments and settle their reports; returns how many changed."""
    now = timezone.now()
    changed = 0
    for comment in _locked(comments):
        Report.objects.filter(comment=comment, resolved_at__isnull=True).update(resolved_at=now)
        comment.open_reports = 0
        if comment.status != Status.PUBLISHED:
            comment.status = Status.PUBLISHED
            comment.published_at = comment.published_at or now
            announce_change(comment)
        _moderated(comment, moderator, now)
        log(
            kind=ModerationAction.Kind.APPROVED,
            comment=comment,
            reader=comment.author,
            moderator=moderator,
            reason=reason,
        )
        comment_moderated.send(
            Comment,
            comment=comment,
            decision=ModerationAction.Kind.APPROVED.value,
            category="",
            moderator=moderator,
        )
        changed += 1
    return changed


@transaction.atomic
def reject(*, comments: Iterable[Comment], moderator, reason: str = "", category: str = "") -> int:
    """Take the comments off the site, keeping them with the reason their readers see.

    `category` is the charter's ground (a `RefusalReason` code) and `reason` the moderator's
    note; see `refusal_text`. Returns how many comments changed.
    """
    now = timezone.now()
    reason = refusal_text(category=category, note=reason)
    changed = 0
    for comment in _locked(comments):
        Report.objects.filter(comment=comment, resolved_at__isnull=True).update(resolved_at=now)
        comment.open_reports = 0
        if comment.status == Status.PUBLISHED:
            announce_change(comment)
        comment.status = Status.REJECTED
        comment.held_reason = reason
        _moderated(comment, moderator, now)
        log(
            kind=ModerationAction.Kind.REJECTED,
            comment=comment,
            reader=comment.author,
            moderator=moderator,
            reason=reason,
            category=category,
        )
        comment_moderated.send(
            Comment,
            comment=comment,
            decision=ModerationAction.Kind.REJECTED.value,
            category=category,
            moderator=moderator,
        )
        changed += 1
    return changed


@transaction.atomic
def ban_author(*, comment: Comment, moderator, reason: str = "") -> Ban:
    """Bar the author of `comment` from commenting and refuse their comments still waiting."""
    reason = reason or _("Manquements répétés à la charte des commentaires.")
    author = comment.author
    ban, _created = Ban.objects.update_or_create(
        user=author, defaults={"reason": reason, "banned_by": moderator}
    )
    waiting = Comment.objects.filter(author=author, status=Status.PENDING)
    reject(comments=[comment, *waiting.exclude(pk=comment.pk)], moderator=moderator, reason=reason)
    log(
        kind=ModerationAction.Kind.BANNED,
        comment=comment,
        reader=author,
        moderator=moderator,
        reason=reason,
    )
    return ban


@transaction.atomic
def lift_ban(*, user, moderator, reason: str = "") -> None:
    if Ban.objects.filter(user=user).delete()[0]:
        log(kind=ModerationAction.Kind.UNBANNED, reader=user, moderator=moderator, reason=reason)


def _locked(comments: Iterable[Comment]):
    ids = [comment.pk for comment in comments]
    return Comment.objects.select_for_update().select_related("author").filter(pk__in=ids)


def _moderated(comment: Comment, moderator, now) -> None:
    comment.moderated_at = now
    comment.moderated_by = moderator
    comment.save()


def announce_change(comment: Comment) -> None:
    """Tell caches that readers see this article's comments anew.

    At once, so that this process reads them anew; the page versions it renews are
    renewed again when the transaction commits, for the other processes.
    """
    comments_changed.send(Comment, article_id=comment.article_id)
