"""The newsroom's writes: adding a correction, filing a right-of-reply request, taking it
up, publishing the reply or refusing it. Used by the public form, the back office and the
demo alike; each change is logged (Wagtail's audit log) and e-mails go out through tasks
once the change is committed.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from quotidien.news.models import ArticlePage
from quotidien.text import is_blank, without_bidi_controls, without_control_characters

from . import tasks
from .models import TEXT_MAX_LENGTH, Correction, ReplyRequest, reply_deadline

# Log actions (labels in wagtail_hooks.py): on the article, then on the request.
ADDED = "corrections.add"
REPLY_PUBLISHED = "corrections.reply_published"
REQUEST_RECEIVED = "corrections.request_received"
REQUEST_TAKEN = "corrections.request_taken"
REQUEST_PUBLISHED = "corrections.request_published"
REQUEST_REFUSED = "corrections.request_refused"


def clean_text(text: str, *, field: str = "text") -> str:
    """A correction's or a reply's text as it will be stored, or a ValidationError."""
    text = without_bidi_controls(without_control_characters((text or "").replace("\r\n", "\n")))
    text = text.strip()
    if is_blank(text):
        raise ValidationError({field: _("Le texte est vide : écrivez-le avant d’envoyer.")})
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {
                field: _(
                    "Le texte fait %(length)d caractères : %(max)d au plus. "
                    "Raccourcissez-le, il est conservé ci-dessous."
                )
                % {"length": len(text), "max": TEXT_MAX_LENGTH}
            },
            code="too_long",
        )
    return text


def add_correction(
    *,
    article: ArticlePage,
    text: str,
    by,
    kind: str = Correction.Kind.CORRECTION,
    published_at: datetime | None = None,
    requester_name: str = "",
    reply_request: ReplyRequest | None = None,
) -> Correction:
    """Add a correction at the end of a published article; the article's history says so.

    The article itself is not republished: its revisions stay as they were.
    """
    if not article.live:
        raise ValidationError(
            _("Cet article n’est pas publié : publiez-le avant d’y ajouter un rectificatif."),
            code="not_live",
        )
    correction = Correction(
        article=article,
        kind=kind,
        text=clean_text(text),
        published_at=published_at or timezone.now(),
        requester_name=requester_name,
        reply_request=reply_request,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    correction.full_clean()
    with transaction.atomic():
        correction.save()
        log(
            article,
            REPLY_PUBLISHED if kind == Correction.Kind.REPLY else ADDED,
            user=correction.created_by,
            data={
                "correction": correction.pk,
                "kind": correction.kind,
                "published_at": correction.published_at.isoformat(),
            },
        )
    return correction


def file_reply_request(
    *,
    article: ArticlePage,
    name: str,
    email: str,
    text: str,
    phone: str = "",
    document=None,
    received_at: datetime | None = None,
) -> ReplyRequest:
    """Record a right-of-reply reply_request with its legal deadline; the requester gets an
    acknowledgement and the editors a notice, by e-mail."""
    received_at = received_at or timezone.now()
    reply_request = ReplyRequest(
        article=article,
        article_title=article.title[:255],
        name=without_control_characters(name).strip(),
        email=email.strip(),
        phone=without_control_characters(phone).strip(),
        text=clean_text(text),
        received_at=received_at,
        deadline=reply_deadline(received_at),
    )
    if document is not None:
        reply_request.document = document
    with transaction.atomic():
        reply_request.save()
        log(reply_request, REQUEST_RECEIVED, data={"article": article.pk})
    transaction.on_commit(lambda: tasks.acknowledge_reply_request.enqueue(reply_request.pk))
    transaction.on_commit(lambda: tasks.notify_editors_of_reply_request.enqueue(reply_request.pk))
    return reply_request


def _check_open(reply_request: ReplyRequest) -> None:
    if not reply_request.is_open:
        raise ValidationError(
            _("Cette demande est déjà %(status)s : elle ne peut plus changer.")
            % {"status": reply_request.get_status_display()},
            code="closed",
        )


def take_reply_request(*, reply_request: ReplyRequest, by) -> ReplyRequest:
    """An editor takes the request up: it is « en cours »."""
    _check_open(reply_request)
    with transaction.atomic():
        reply_request.status = ReplyRequest.Status.IN_PROGRESS
        reply_request.save(update_fields=["status"])
        log(reply_request, REQUEST_TAKEN, user=by)
    return reply_request


def publish_reply(*, reply_request: ReplyRequest, text: str, by) -> Correction:
    """Publish the reply at the end of its article (`text` as the editor left it) and tell
    the requester where to read it."""
    _check_open(reply_request)
    if reply_request.article is None or not reply_request.article.live:
        raise ValidationError(
            _(
                "L’article visé n’est plus publié : la réponse ne peut pas y être ajoutée. "
                "Refusez la demande en expliquant pourquoi, ou republiez l’article."
            ),
            code="article_gone",
        )
    with transaction.atomic():
        correction = add_correction(
            article=reply_request.article,
            kind=Correction.Kind.REPLY,
            text=text,
            by=by,
            requester_name=reply_request.name,
            reply_request=reply_request,
        )
        reply_request.status = ReplyRequest.Status.PUBLISHED
        reply_request.save(update_fields=["status"])
        log(reply_request, REQUEST_PUBLISHED, user=by, data={"correction": correction.pk})
    transaction.on_commit(lambda: tasks.announce_reply_published.enqueue(reply_request.pk))
    return correction


def refuse_reply(*, reply_request: ReplyRequest, reason: str, by) -> ReplyRequest:
    """Refuse the request for `reason`, which the requester is sent."""
    _check_open(reply_request)
    reason = without_control_characters(reason or "").strip()
    if is_blank(reason):
        raise ValidationError(
            {"reason": _("Donnez le motif du refus : il est envoyé au demandeur.")},
            code="no_reason",
        )
    with transaction.atomic():
        reply_request.status = ReplyRequest.Status.REFUSED
        reply_request.refusal_reason = reason
        reply_request.save(update_fields=["status", "refusal_reason"])
        log(reply_request, REQUEST_REFUSED, user=by, data={"reason": reason})
    transaction.on_commit(lambda: tasks.announce_reply_refused.enqueue(reply_request.pk))
    return reply_request
