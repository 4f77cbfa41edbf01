"""The newsroom's writes: adding, changing or deleting a correction, filing a right-of-reply
request, taking it up, publishing the reply or refusing it. Used by the public form, the
back office and the demo alike; each change is logged (Wagtail's audit log) and e-mails go
out through tasks once the change is committed.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from quotidien.french.dates import french_datetime
from quotidien.french.typography import french_number, of_name
from quotidien.news.cleaning import DATE_YEARS
from quotidien.text import (
    is_blank,
    typed_text,
    without_bidi_controls,
    without_control_characters,
)

from . import queries, tasks
from .models import (
    NOTE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Correction,
    ReplyRequest,
    repeat_key,
    reply_deadline,
)

# Log actions (labels in wagtail_hooks.py): on the article, then on the request.
ADDED = "corrections.add"
CHANGED = "corrections.change"
DELETED = "corrections.delete"
REPLY_PUBLISHED = "corrections.reply_published"
REQUEST_RECEIVED = "corrections.request_received"
REQUEST_TAKEN = "corrections.request_taken"
REQUEST_PUBLISHED = "corrections.request_published"
REQUEST_REFUSED = "corrections.request_refused"
REQUEST_DOCUMENT_ADDED = "corrections.request_document_added"


def clean_text(text: str, *, field: str = "text") -> str:
    """A correction's or a reply's text as it will be stored, or a ValidationError."""
    text = typed_text(text)
    if is_blank(text):
        raise ValidationError({field: _("Le texte est vide : écrivez-le avant d’envoyer.")})
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {
                field: _(
                    "Le texte fait %(length)s caractères : %(max)s au plus. "
                    "Raccourcissez-le, il est conservé ci-dessous."
                )
                % {"length": french_number(len(text)), "max": french_number(TEXT_MAX_LENGTH)}
            },
            code="too_long",
        )
    return text


def clean_editor_note(note: str | None, *, kind: str) -> str:
    """The newsroom's note after a reply as it will be stored ("" for none), or a
    ValidationError: only a reply carries one, a correction being the newsroom's own words."""
    note = typed_text(note or "")
    if is_blank(note):
        return ""
    if kind != Correction.Kind.REPLY:
        raise ValidationError(
            {
                "editor_note": _(
                    "Une note de la rédaction accompagne un droit de réponse seulement : "
                    "écrivez ces lignes dans le texte du rectificatif."
                )
            },
            code="note_without_reply",
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "editor_note": _(
                    "La note fait %(length)s caractères : %(max)s au plus. Raccourcissez-la."
                )
                % {"length": french_number(len(note)), "max": french_number(NOTE_MAX_LENGTH)}
            },
            code="too_long",
        )
    return note


def clean_line(value: str, *, field: str, required: bool = True) -> str:
    """A name or a telephone number as it will be stored: one line without control or
    direction characters, or a ValidationError when `required` and nothing is left."""
    value = " ".join(without_bidi_controls(without_control_characters(value or "")).split())
    if required and is_blank(value):
        raise ValidationError(
            {field: _("Ce champ est vide une fois nettoyé : écrivez-le en lettres et chiffres.")},
            code="blank",
        )
    return value


def validate_correction(
    *,
    article: Page | None,
    text: str | None,
    published_at: datetime | None,
    since: datetime | None = None,
) -> str | None:
    """Check a correction before it is saved and return its text as it will be stored;
    a ValidationError names every field to fix. The forms call it so that the errors show
    beside the fields; what they pass as None (a field already in error) is not checked.
    `since` is the first publication of the article, which the date may not precede
    (`article`'s when it is given)."""
    errors: dict[str, list] = {}
    if article is not None and not queries.is_correctable(article):
        errors.setdefault("article", []).append(
            ValidationError(
                _("Choisissez un article ou un direct : cette page ne reçoit pas de rectificatif."),
                code="not_correctable",
            )
        )
    elif article is not None and not article.live:
        errors.setdefault("article", []).append(
            ValidationError(
                _("Cet article n’est pas publié : publiez-le avant d’y ajouter un rectificatif."),
                code="not_live",
            )
        )
    if published_at is not None and published_at.year not in DATE_YEARS:
        # Stored in UTC, year 1 would become 1 BC: no page could read it.
        errors.setdefault("published_at", []).append(
            ValidationError(
                _("Choisissez une date entre le 1er janvier 1900 et le 31 décembre 2999."),
                code="out_of_range",
            )
        )
    elif published_at is not None and published_at > timezone.now():
        errors.setdefault("published_at", []).append(
            ValidationError(
                _(
                    "Cette date est dans le futur : donnez celle du jour, ou une date passée. "
                    "Le rectificatif paraît dès qu’il est enregistré."
                ),
                code="future",
            )
        )
    elif published_at is not None and (
        since := since or (article.first_published_at if article is not None else None)
    ):
        # To the minute, as the form types a date: « now » in the article's first minute.
        if published_at < since.replace(second=0, microsecond=0):
            # Dated before its article, a note would sort after every other on the
            # corrections page and in its feed: out of the readers' sight.
            errors.setdefault("published_at", []).append(
                ValidationError(
                    _(
                        "Cette date précède la publication de l’article (le %(date)s) : "
                        "un rectificatif vient après."
                    )
                    % {"date": french_datetime(since)},
                    code="before_article",
                )
            )
    if text is not None:
        try:
            text = clean_text(text)
        except ValidationError as error:
            errors.setdefault("text", []).extend(error.error_dict["text"])
    if errors:
        raise ValidationError(errors)
    return text


def add_correction(
    *,
    article: Page,
    text: str,
    by,
    kind: str = Correction.Kind.CORRECTION,
    published_at: datetime | None = None,
    requester_name: str = "",
    reply_request: ReplyRequest | None = None,
    editor_note: str = "",
) -> Correction:
    """Add a correction at the end of a published article; the article's history says so.
    A reply may carry the newsroom's note (`editor_note`), shown after it.

    The article itself is not republished: its revisions stay as they were.
    """
    correction = Correction(
        article=article,
        kind=kind,
        text=validate_correction(article=article, text=text, published_at=published_at),
        editor_note=clean_editor_note(editor_note, kind=kind),
        published_at=published_at or timezone.now(),
        requester_name=clean_line(requester_name, field="requester_name", required=False),
        reply_request=reply_request,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    correction.full_clean()
    with transaction.atomic():
        correction.save()
        log(
            article.specific_deferred,
            REPLY_PUBLISHED if kind == Correction.Kind.REPLY else ADDED,
            user=correction.created_by,
            data={
                "correction": correction.pk,
                "kind": correction.kind,
                "published_at": correction.published_at.isoformat(),
            },
        )
    return correction


def change_correction(
    *,
    correction: Correction,
    text: str,
    by,
    kind: str | None = None,
    published_at: datetime | None = None,
    requester_name: str | None = None,
    editor_note: str | None = None,
) -> Correction:
    """Change a correction's text, date, kind, author or (a reply's) note of the newsroom
    as the newsroom sees fit, checked as when it was added; its article's history says so.
    It stays on its article, and a reply stays a reply (and anything else never becomes
    one): replies come from requests."""
    kind = kind or correction.kind
    if (kind == Correction.Kind.REPLY) != (correction.kind == Correction.Kind.REPLY):
        raise ValidationError(
            {
                "kind": _(
                    "Un droit de réponse reste un droit de réponse, et un rectificatif ne le "
                    "devient pas : supprimez-le et ajoutez-en un autre."
                )
            },
            code="kind_change",
        )
    published_at = published_at or correction.published_at
    changed_date = published_at != correction.published_at
    correction.text = validate_correction(
        article=None,
        text=text,
        published_at=published_at if changed_date else None,
        since=correction.article.first_published_at,
    )
    if editor_note is not None:
        correction.editor_note = clean_editor_note(editor_note, kind=kind)
    correction.kind = kind
    correction.published_at = published_at
    if requester_name is not None:
        correction.requester_name = clean_line(
            requester_name, field="requester_name", required=False
        )
    correction.full_clean()
    with transaction.atomic():
        correction.save()
        log(
            correction.article.specific_deferred,
            CHANGED,
            user=by if getattr(by, "is_authenticated", False) else None,
            data={
                "correction": correction.pk,
                "kind": correction.kind,
                "published_at": correction.published_at.isoformat(),
            },
        )
    return correction


def delete_correction(*, correction: Correction, by) -> None:
    """Delete a correction; its article's history says so. A published reply stays: the
    law requires it, and its request would say « publiée » with nothing published."""
    if correction.reply_request_id is not None:
        raise ValidationError(
            _(
                "Ce droit de réponse a été publié à la demande %(of_name)s : la loi oblige à "
                "le laisser paraître. Corrigez son texte si besoin, sans le supprimer."
            )
            % {"of_name": of_name(correction.requester_name)},
            code="published_reply",
        )
    # Logged as its own type (an article, a live page), as Wagtail logs pages.
    article = correction.article.specific_deferred
    data = {"correction": correction.pk, "kind": correction.kind, "text": correction.text}
    with transaction.atomic():
        correction.delete()
        log(
            article, DELETED, user=by if getattr(by, "is_authenticated", False) else None, data=data
        )


class AlreadyFiled(Exception):
    """The request was filed already, open still: `reply_request` is the one filed."""

    def __init__(self, reply_request: ReplyRequest):
        super().__init__(reply_request.reference)
        self.reply_request = reply_request


def file_reply_request(
    *,
    article: Page,
    name: str,
    email: str,
    text: str,
    phone: str = "",
    document=None,
    received_at: datetime | None = None,
    acknowledge: bool = True,
) -> ReplyRequest:
    """Record a right-of-reply request with its legal deadline; the editors get a notice
    by e-mail, and the requester an acknowledgement unless `acknowledge` is false.

    The same request sent again while the first is open (the same article, address and
    text: a double click, a reload) is not filed twice, even sent at the same moment:
    AlreadyFiled names the first, which keeps a document only the second brought."""
    received_at = received_at or timezone.now()
    email, text = email.strip(), clean_text(text)
    reply_request = ReplyRequest(
        article=article,
        article_title=article.title[:255],
        name=clean_line(name, field="name"),
        email=email,
        phone=clean_line(phone, field="phone", required=False),
        text=text,
        received_at=received_at,
        deadline=reply_deadline(received_at),
        repeat_key=repeat_key(article_id=article.pk, email=email, text=text),
    )
    if document is not None:
        reply_request.document = document
    try:
        with transaction.atomic():
            reply_request.save()
            log(reply_request, REQUEST_RECEIVED, data={"article": article.pk})
    except IntegrityError:
        earlier = _open_repeat(reply_request.repeat_key)
        if earlier is None:  # not a repeat: what failed says why
            raise
        _keep_document(earlier, reply_request.document)
        raise AlreadyFiled(earlier) from None
    if acknowledge:
        transaction.on_commit(lambda: tasks.acknowledge_reply_request.enqueue(reply_request.pk))
    transaction.on_commit(lambda: tasks.notify_editors_of_reply_request.enqueue(reply_request.pk))
    return reply_request


def repeats_open_request(*, article: Page, email: str, text: str) -> bool:
    """Whether this request repeats one still open (a reload, a double click), which
    `file_reply_request` answers with AlreadyFiled: the form counts no new request."""
    try:
        text = clean_text(text)
    except ValidationError:  # filing it says why
        return False
    key = repeat_key(article_id=article.pk, email=email.strip(), text=text)
    return _open_repeat(key) is not None


def _open_repeat(key: str) -> ReplyRequest | None:
    return ReplyRequest.objects.filter(
        status__in=ReplyRequest.OPEN_STATUSES, repeat_key=key
    ).first()


def _keep_document(reply_request: ReplyRequest, document) -> None:
    """Attach `document` (a file stored with the repeat refused) to `reply_request` if it
    has none; nothing a requester sent is lost. One it does not take is removed."""
    if not document:
        return
    if reply_request.document:
        document.storage.delete(document.name)
        return
    reply_request.document = document
    reply_request.save(update_fields=["document"])
    log(reply_request, REQUEST_DOCUMENT_ADDED)


def _check_open(reply_request: ReplyRequest) -> None:
    if not reply_request.is_open:
        raise ValidationError(
            _("Cette demande est déjà %(status)s : elle ne peut plus changer.")
            % {"status": reply_request.get_status_display()},
            code="closed",
        )


def _decide(reply_request: ReplyRequest, **changes) -> None:
    """Apply `changes` to `reply_request` if it is still open as the database has it now,
    else raise what `_check_open` says: two editors deciding at once, or one clicking
    twice, decide once (a conditional UPDATE, atomic on every database)."""
    still_open = ReplyRequest.objects.filter(
        pk=reply_request.pk, status__in=ReplyRequest.OPEN_STATUSES
    )
    if not still_open.update(**changes):
        reply_request.refresh_from_db(fields=["status"])
        _check_open(reply_request)
        raise ValidationError(  # decided and reopened meanwhile: asked again, it is open
            _("Cette demande vient de changer : rechargez la page, puis recommencez."),
            code="changed",
        )
    for name, value in changes.items():
        setattr(reply_request, name, value)


def take_reply_request(*, reply_request: ReplyRequest, by) -> ReplyRequest:
    """An editor takes the request up: it is « en cours »."""
    _check_open(reply_request)
    with transaction.atomic():
        _decide(reply_request, status=ReplyRequest.Status.IN_PROGRESS)
        log(reply_request, REQUEST_TAKEN, user=by)
    return reply_request


def publish_reply(
    *, reply_request: ReplyRequest, text: str, by, editor_note: str = ""
) -> Correction:
    """Publish the reply at the end of its article (`text` as the editor left it, then the
    newsroom's note if any) and tell the requester where to read it."""
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
        before = reply_request.status
        _decide(reply_request, status=ReplyRequest.Status.PUBLISHED)
        try:
            correction = add_correction(
                article=reply_request.article,
                kind=Correction.Kind.REPLY,
                text=text,
                by=by,
                requester_name=reply_request.name,
                reply_request=reply_request,
                editor_note=editor_note,
            )
        except ValidationError:
            # The reply's checks refused it: the request stays open, in memory too.
            reply_request.status = before
            raise
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
        _decide(reply_request, status=ReplyRequest.Status.REFUSED, refusal_reason=reason)
        log(reply_request, REQUEST_REFUSED, user=by, data={"reason": reason})
    transaction.on_commit(lambda: tasks.announce_reply_refused.enqueue(reply_request.pk))
    return reply_request
