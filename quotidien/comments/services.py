"""Readers' writes: posting a comment and reporting one. Used by the site and the API alike."""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quotidien.french.dates import french_datetime
from quotidien.french.typography import french_number
from quotidien.moderation import policy
from quotidien.moderation.models import ModerationAction
from quotidien.moderation.services import announce_change, apply_screening, log, screen
from quotidien.news.queries import attach_sections, section_map
from quotidien.ratelimits import limits
from quotidien.text import (
    is_blank,
    typed_text,
    without_bidi_controls,
    without_control_characters,
)

from . import queries
from .models import MAX_LENGTH, Comment, Report
from .reasons import reader_reason

HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def clean_body(body: str) -> str:
    """The comment as it will be stored, or a ValidationError a reader can act on."""
    # Refused rather than dropped, in the words of the site form's field, which refuses it first.
    ProhibitNullCharactersValidator()(body or "")
    # Direction overrides can make a comment show other words than the ones screened.
    body = typed_text(body)
    if is_blank(body):
        raise ValidationError(_("Votre commentaire est vide."), code="empty")
    if len(body) > MAX_LENGTH:
        raise ValidationError(
            _(
                "Votre commentaire fait %(length)s caractères : %(max)s au plus, s’il vous plaît. "
                "Raccourcissez-le, votre texte est conservé ci-dessous."
            ),
            code="too_long",
            params={"length": french_number(len(body)), "max": french_number(MAX_LENGTH)},
        )
    if HTML_TAG.search(body):
        raise ValidationError(
            _(
                "Les balises HTML ne sont pas acceptées dans les commentaires : "
                "écrivez votre texte sans < > autour des mots."
            ),
            code="html",
        )
    return body


def check_can_comment(*, article, author) -> None:
    """Raise a ValidationError saying why `author` may not comment on `article` now."""
    if not author.is_authenticated:
        raise ValidationError(_("Connectez-vous pour commenter."), code="login")
    if not policy.comments_open(article):
        raise ValidationError(_("Les commentaires sont fermés pour cet article."), code="closed")
    if ban := policy.active_ban(author):
        # The same code for a suspension as for a ban for good: the API answers both alike.
        raise ValidationError(ban_message(ban), code="banned")


def ban_message(ban) -> str:
    """What a barred or suspended reader is told, and until when."""
    if ban.until is None:
        return _("Votre compte ne peut plus publier de commentaires.")
    return _(
        "Votre compte est suspendu jusqu’au %(until)s : vous pourrez de nouveau "
        "publier des commentaires à partir de ce moment."
    ) % {"until": french_datetime(ban.until)}


def reply_parent(*, article, pk: int | None) -> Comment | None:
    """The comment a reply answers, or a ValidationError when it cannot be answered: gone,
    under another article, or not published, itself or its thread. The reply is never
    posted as a new thread instead, behind its writer's back."""
    if not pk:
        return None
    parent = (
        Comment.objects.visible()
        .filter(pk=pk, article_id=article.pk)
        .select_related("parent")
        .first()
    )
    if parent is None:
        raise ValidationError(_unanswerable(), code="parent")
    return parent


def _unanswerable() -> str:
    return _(
        "Le commentaire auquel vous répondez n’est pas ou plus publié sous cet article : "
        "votre réponse n’a pas été envoyée. Votre texte est conservé ci-dessous ; "
        "envoyez-le de nouveau pour le publier comme un nouveau commentaire."
    )


def comment_submit(*, article, author, body: str, parent: Comment | None = None) -> Comment:
    """Screen and store a reader's comment; it is published, held or refused, never dropped."""
    check_can_comment(article=article, author=author)
    body = clean_body(body)
    if parent is not None:
        # One level of replies: answering a reply answers the thread.
        thread = parent.parent or parent
        if parent.article_id != article.pk or not (parent.is_published and thread.is_published):
            raise ValidationError(_unanswerable(), code="parent")
        parent = thread
    if not hasattr(article, "section_trail"):
        attach_sections([article], section_map())

    thresholds = policy.classifier_thresholds(article)
    newest = _newest_comment(author)
    findings = screen(author=author, body=body, thresholds=thresholds)
    with transaction.atomic():
        # The same comment sent twice at once (a double click, the app and the site):
        # each posting of an author waits for the one before, and a screening that ran
        # while another comment of theirs was stored runs again with it, so that the
        # duplicate and rate rules see it. Screened outside the lock in the usual case:
        # SQLite's write transactions take the whole database.
        get_user_model().objects.lock(author)
        if _newest_comment(author) != newest:
            findings = screen(author=author, body=body, thresholds=thresholds)
        comment = Comment(article=article, author=author, body=body, parent=parent)
        apply_screening(comment, findings, pre_moderated=policy.is_pre_moderated(article))
        comment.save()
        if comment.is_published:
            announce_change(comment)
        else:
            log(
                kind=ModerationAction.Kind.SCREENED,
                comment=comment,
                reader=author,
                reason=comment.held_reason,
            )
    return comment


def _newest_comment(author) -> int | None:
    return Comment.objects.filter(author=author).aggregate(newest=Max("pk"))["newest"]


def outcome_message(comment: Comment) -> str:
    """What the reader is told of the comment they just posted."""
    if comment.status == Comment.Status.PUBLISHED:
        return _("Votre commentaire est publié. Merci !")
    if comment.status == Comment.Status.PENDING:
        return _("Votre commentaire est en attente de modération.")
    # Never `held_reason`, written for moderators: see reasons.reader_reason.
    return _("Votre commentaire n’a pas été publié : %(reason)s") % {
        "reason": reader_reason(comment).replace("\n", " ")
    }


def held_by_reports_reason(count: int) -> str:
    """Why a comment went back to the queue after readers reported it."""
    return ngettext("Signalé par %(count)d lecteur.", "Signalé par %(count)d lecteurs.", count) % {
        "count": count
    }


def counts_toward_hold(reporter, *, now=None) -> bool:
    """Whether `reporter`'s reports count toward sending a comment back to the queue.

    Only an account at least COMMENTS_REPORTER_MIN_DAYS old with a published comment of its
    own: otherwise a few accounts opened for the purpose could hide any comment.
    """
    now = now or timezone.now()
    old_enough = now - reporter.date_joined >= timedelta(
        days=settings.QUOTIDIEN_COMMENTS_REPORTER_MIN_DAYS
    )
    return old_enough and Comment.objects.published().filter(author=reporter).exists()


class TooManyReports(ValidationError):
    """A reader reported too many comments in the last hour: nothing is recorded."""

    def __init__(self, verdict: limits.Verdict):
        super().__init__(
            _(
                "Vous avez signalé beaucoup de commentaires en peu de temps : %(wait)s. "
                "Vos signalements précédents ont bien été transmis aux modérateurs."
            )
            % {"wait": limits.wait_message(verdict.retry_after)},
            code="too_many_reports",
        )
        self.verdict = verdict


def comment_report(*, comment: Comment, reporter, reason: str, note: str = "") -> Report:
    """Record a reader's report for the moderators.

    Reports from enough established readers (see `counts_toward_hold`) send a published
    comment back to the queue, unless a moderator approved it: their decision stands, and
    further reports only reach them.
    """
    if reason not in Report.Reason.values:
        raise ValidationError(_("Choisissez la raison du signalement."), code="reason")
    if comment.author_id == reporter.pk:
        raise ValidationError(_("Vous ne pouvez pas signaler votre propre commentaire."))
    if not comment.is_published:
        raise ValidationError(_("Ce commentaire n’est pas publié."), code="unpublished")
    if not queries.public_comments().filter(pk=comment.pk).exists():
        raise ValidationError(
            _("Ce commentaire n’est plus lisible par les lecteurs : il ne peut être signalé."),
            code="unreadable",
        )
    if Report.objects.filter(comment=comment, reporter=reporter).exists():
        raise ValidationError(_("Vous avez déjà signalé ce commentaire."), code="duplicate")
    # Counted once the report is one that would be recorded: a mistaken one costs nothing.
    if not (verdict := limits.hit("report", reporter.pk)):
        raise TooManyReports(verdict)
    counts = counts_toward_hold(reporter)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if Report.objects.filter(comment=comment, reporter=reporter).exists():
            raise ValidationError(_("Vous avez déjà signalé ce commentaire."), code="duplicate")
        report = Report.objects.create(
            comment=comment,
            reporter=reporter,
            reason=reason,
            note=without_bidi_controls(without_control_characters(note)).strip()[:300],
            counts_toward_hold=counts,
        )
        Comment.objects.filter(pk=comment.pk).update(open_reports=F("open_reports") + 1)
        comment.refresh_from_db(fields=["open_reports"])
        if counts and comment.is_published and not comment.approved_by_moderator:
            counted = comment.reports.filter(
                resolved_at__isnull=True, counts_toward_hold=True
            ).count()
            if counted >= settings.QUOTIDIEN_COMMENTS_REPORTS_TO_HOLD:
                hold_for_reports(comment)
    return report


def hold_for_reports(comment: Comment) -> None:
    """Send a published comment back to the queue, saying how many readers reported it."""
    why = held_by_reports_reason(comment.open_reports)
    comment.status = Comment.Status.PENDING
    comment.held_reason = why
    comment.save(update_fields=["status", "held_reason"])
    log(kind=ModerationAction.Kind.REPORTED, comment=comment, reader=comment.author, reason=why)
    announce_change(comment)
