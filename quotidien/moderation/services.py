"""What moderators and the screening do to comments; every step lands in the audit log."""

from collections.abc import Iterable
from dataclasses import asdict
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quotidien.comments.models import Comment, Report
from quotidien.comments.signals import comments_changed

from .models import Ban, BanRefusal, ModerationAction, RefusalReason
from .queue import comments_refused_by_ban
from .screening import HOLD, REJECT, Context, Finding, Thresholds, decide, screen_comment
from .signals import comment_moderated
from .wordlists import current_word_lists

RECENT = timedelta(days=3)
Status = Comment.Status


def screen(*, author, body: str, now=None, thresholds: Thresholds | None = None) -> list[Finding]:
    """The screening's findings on what `author` is about to post, given their history.

    `thresholds` are the classifier's for the article's section, when it has its own.
    """
    now = now or timezone.now()
    mine = Comment.objects.filter(author=author, created_at__lte=now)
    counts = mine.aggregate(
        last_minute=Count("pk", filter=Q(created_at__gte=now - timedelta(minutes=1))),
        published=Count("pk", filter=Q(status=Status.PUBLISHED)),
    )
    context = Context(
        word_lists=current_word_lists(),
        recent_texts=list(
            mine.filter(created_at__gte=now - RECENT).values_list("body", flat=True)[:50]
        ),
        comments_last_minute=counts["last_minute"],
        published_comments=counts["published"],
        account_age=now - author.date_joined,
        thresholds=thresholds,
    )
    return screen_comment(body, context)


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
    locked = _lock_for_decision(comments)
    _forget_ban_refusals(locked)
    _settle_reports(locked, now)
    for comment in locked:
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
def reject(
    *,
    comments: Iterable[Comment],
    moderator,
    reason: str = "",
    category: str = "",
    read: bool = True,
) -> int:
    """Take the comments off the site, keeping them with the reason their readers see.

    `category` is the charter's ground (a `RefusalReason` code) and `reason` the moderator's
    note; see `refusal_text`. `read` is False for comments refused without a moderator
    reading them (the waiting comments of a reader being banned). Returns how many
    comments changed.
    """
    now = timezone.now()
    reason = refusal_text(category=category, note=reason)
    changed = 0
    locked = _lock_for_decision(comments)
    _forget_ban_refusals(locked)
    _settle_reports(locked, now)
    for comment in locked:
        _take_off_the_site(
            comment,
            status=Status.REJECTED,
            kind=ModerationAction.Kind.REJECTED,
            reason=reason,
            category=category,
            moderator=moderator,
            now=now,
        )
        comment_moderated.send(
            Comment,
            comment=comment,
            decision=ModerationAction.Kind.REJECTED.value,
            category=category,
            moderator=moderator,
            read=read,
        )
        changed += 1
    return changed


@transaction.atomic
def hold(*, comments: Iterable[Comment], moderator, reason: str = "") -> int:
    """Put published comments, reported or not, back in the waiting tab: readers no longer see them.

    Their open reports are settled by this decision; `reason` is the moderator's note, for
    the moderators (a reader is told nothing of a waiting comment). Comments already
    waiting or refused stay as they are. Returns how many comments changed.
    """
    now = timezone.now()
    # Who put them back is `moderated_by`, shown beside the note in the queue.
    why = reason.strip()
    locked = [c for c in _lock_for_decision(comments) if c.status == Status.PUBLISHED]
    _settle_reports(locked, now)
    for comment in locked:
        _take_off_the_site(
            comment,
            status=Status.PENDING,
            kind=ModerationAction.Kind.HELD,
            reason=why,
            moderator=moderator,
            now=now,
        )
        # The approval is withdrawn: nothing left to learn from until the next decision.
        comment_moderated.send(
            Comment,
            comment=comment,
            decision=ModerationAction.Kind.HELD.value,
            category="",
            moderator=moderator,
        )
    return len(locked)


def check_can_ban(*, author, moderator) -> None:
    """Raise a ValidationError saying why `moderator` may not ban `author`: their own
    account, or one of the newsroom's (the back office's), which answers to the paper."""
    if author.pk == moderator.pk:
        raise ValidationError(_("Vous ne pouvez pas bannir votre propre compte."), code="self")
    if author.is_staff or author.is_superuser or author.enters_back_office():
        raise ValidationError(
            _("%(name)s fait partie de l’équipe du journal : son compte ne peut être banni.")
            % {"name": author.get_display_name()},
            code="newsroom",
        )


@transaction.atomic
def ban_author(
    *,
    author,
    moderator,
    reason: str = "",
    category: str = "",
    comments: Iterable[Comment] = (),
    lasts: timedelta | None = None,
) -> Ban:
    """Bar `author` from commenting; refuse their `comments` that led to it and all still waiting.

    `category` and `reason` are the charter's reason and the moderator's note, as for `reject`.
    `lasts` makes it a suspension of that length, None a ban for good. A suspension that
    is over gives way to the new ban. The ban keeps which comments it refused
    (`Ban.refusals`), for `undo_ban`.
    """
    check_can_ban(author=author, moderator=moderator)
    if not (category or reason):
        reason = _("Manquements répétés à la charte des commentaires.")
    text = refusal_text(category=category, note=reason)
    now = timezone.now()
    Ban.objects.filter(user=author, until__lte=now).delete()
    ban, created = Ban.objects.get_or_create(
        user=author,
        defaults={
            "reason": text,
            "banned_by": moderator,
            "created_at": now,
            "until": now + lasts if lasts else None,
        },
    )
    if not created:
        raise ValidationError(
            _("%(name)s ne peut déjà plus commenter.") % {"name": author.get_display_name()},
            code="already_banned",
        )
    comments = list(comments)
    refused = list(comments_refused_by_ban(author=author, comments=comments).select_for_update())
    # What each comment was held for before the ban, for `undo_ban` to put back.
    held_reasons = {comment.pk: comment.held_reason for comment in refused}
    shown = {comment.pk for comment in comments}
    # The comments the moderator read, that led to the ban; then those nobody read.
    reject(
        comments=[c for c in refused if c.pk in shown],
        moderator=moderator,
        reason=reason,
        category=category,
    )
    reject(
        comments=[c for c in refused if c.pk not in shown],
        moderator=moderator,
        reason=reason,
        category=category,
        read=False,
    )
    BanRefusal.objects.bulk_create(
        BanRefusal(ban=ban, comment_id=pk, held_reason=held) for pk, held in held_reasons.items()
    )
    log(
        kind=ModerationAction.Kind.BANNED,
        comment=comments[0] if comments else None,
        reader=author,
        moderator=moderator,
        reason=text,
        category=category,
    )
    return ban


@transaction.atomic
def undo_ban(*, ban: Ban, moderator) -> int:
    """Lift `ban` as if it had not been: the comments it refused wait for a moderator again.

    They go back with the reasons they were held for. One decided again since the ban is
    no longer the ban's refusal and stays as it is. Returns how many went back to the queue.
    """
    # Only the ban's row is locked, not its reader's account.
    ban = (
        Ban.objects.select_for_update(of=("self",)).select_related("user").filter(pk=ban.pk).first()
    )
    if ban is None:
        raise ValidationError(_("Ce lecteur n’est plus banni."), code="not_banned")
    held_reasons = dict(ban.refusals.values_list("comment_id", "held_reason"))
    restored = Comment.objects.select_for_update().filter(
        pk__in=held_reasons, status=Status.REJECTED
    )
    count = 0
    for comment in restored:
        comment.status = Status.PENDING
        comment.held_reason = held_reasons[comment.pk]
        comment.moderated_at = None
        comment.moderated_by = None
        comment.save()
        log(
            kind=ModerationAction.Kind.REQUEUED,
            comment=comment,
            reader=ban.user,
            moderator=moderator,
            reason=_("Bannissement annulé."),
        )
        comment_moderated.send(
            Comment,
            comment=comment,
            decision=ModerationAction.Kind.REQUEUED.value,
            category="",
            moderator=moderator,
        )
        count += 1
    ban.delete()
    log(
        kind=ModerationAction.Kind.UNBANNED,
        reader=ban.user,
        moderator=moderator,
        reason=ngettext(
            "Bannissement annulé : %(n)d commentaire remis en attente.",
            "Bannissement annulé : %(n)d commentaires remis en attente.",
            count,
        )
        % {"n": count},
    )
    return count


@transaction.atomic
def lift_ban(*, user, moderator, reason: str = "") -> None:
    """Let `user` comment again; what the ban refused stays refused (see `undo_ban`)."""
    if not Ban.objects.filter(user=user).delete()[0]:
        raise ValidationError(_("Ce lecteur n’est plus banni."), code="not_banned")
    log(kind=ModerationAction.Kind.UNBANNED, reader=user, moderator=moderator, reason=reason)


def _lock_for_decision(comments: Iterable[Comment]) -> list[Comment]:
    """The comments, locked for a moderator's decision."""
    ids = [comment.pk for comment in comments]
    return list(Comment.objects.select_for_update().select_related("author").filter(pk__in=ids))


def _forget_ban_refusals(comments: list[Comment]) -> None:
    """A new decision replaces a ban's refusal: undoing the ban will leave these alone."""
    BanRefusal.objects.filter(comment__in=comments).delete()


def _settle_reports(comments: list[Comment], now) -> None:
    """The open reports on `comments` are settled by the decision being taken on them."""
    if comments:
        Report.objects.filter(comment__in=comments, resolved_at__isnull=True).update(
            resolved_at=now
        )


def _take_off_the_site(
    comment: Comment, *, status, kind, reason: str, moderator, now, category: str = ""
) -> None:
    """Refuse `comment` or put it back in the waiting tab (its reports settled beforehand by
    `_settle_reports`): readers' caches told if it was shown, the decision kept and logged."""
    comment.open_reports = 0
    if comment.status == Status.PUBLISHED:
        announce_change(comment)
    comment.status = status
    comment.held_reason = reason
    _moderated(comment, moderator, now)
    log(
        kind=kind,
        comment=comment,
        reader=comment.author,
        moderator=moderator,
        reason=reason,
        category=category,
    )


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
