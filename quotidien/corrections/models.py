"""Corrections shown at the end of articles, and the right-of-reply requests behind some.

A correction is a row of its own, never a revision of the article: adding one leaves the
article's revision history as it was, and the article's page history says it was added
(a log entry, see services.add_correction).
"""

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quotidien.french.dates import french_date

from .storage import document_path, private_storage

# The law lets a reply be as long as the article; a generous bound keeps the form sane.
TEXT_MAX_LENGTH = 10_000
# A note of the newsroom after a reply is a few lines.
NOTE_MAX_LENGTH = 2_000
# 5 Mo as readers count them (decimal units, as the form writes them).
DOCUMENT_MAX_BYTES = 5_000_000


def reply_law() -> str:
    """The law the right of reply rests on, as the form and the e-mails name it after
    « prévu par »: `settings.QUOTIDIEN_REPLY_LAW` (« l’article 13 de la loi du 29 juillet
    1881 » for a paper published in France), else « la loi », true wherever the paper is
    published."""
    return settings.QUOTIDIEN_REPLY_LAW or str(_("la loi"))


def repeat_key(*, article_id: int | None, email: str, text: str) -> str:
    """What the same request sent again shares: its article, its address whatever the
    case, and its text as stored."""
    same = f"{article_id}\n{email.strip().lower()}\n{text}"
    return hashlib.sha256(same.encode("utf-8", "surrogatepass")).hexdigest()


def reply_deadline(received_at: datetime) -> datetime:
    """When a reply received at `received_at` must be published at the latest
    (`settings.QUOTIDIEN_REPLY_DEADLINE_DAYS` days: three for a daily)."""
    return received_at + timedelta(days=settings.QUOTIDIEN_REPLY_DEADLINE_DAYS)


class ReplyRequest(models.Model):
    """A person named in an article asks for their reply to be published."""

    class Status(models.TextChoices):
        RECEIVED = "recue", _("reçue")
        IN_PROGRESS = "en_cours", _("en cours")
        PUBLISHED = "publiee", _("publiée")
        REFUSED = "refusee", _("refusée")

    OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS)

    # An article or a live page (settings.QUOTIDIEN_CORRECTABLE_PAGES): a page of either type.
    article = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("article"),
        # The request is a legal record: it outlives the article it names.
        null=True,
        on_delete=models.SET_NULL,
        related_name="reply_requests",
    )
    article_title = models.CharField(_("titre de l’article"), max_length=255)
    name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse e-mail"), max_length=254)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    text = models.TextField(_("texte de la réponse"), max_length=TEXT_MAX_LENGTH)
    document = models.FileField(
        _("pièce justificative"),
        storage=private_storage,
        upload_to=document_path,
        blank=True,
    )
    received_at = models.DateTimeField(_("reçue le"), default=timezone.now)
    deadline = models.DateTimeField(_("à publier avant le"))
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    # What makes the same request sent again the same (its article, address and text:
    # `repeat_key`), unique among open requests: a double click files one.
    repeat_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("demande de droit de réponse")
        verbose_name_plural = _("droits de réponse")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            models.UniqueConstraint(
                fields=["repeat_key"],
                condition=models.Q(status__in=["recue", "en_cours"]) & ~models.Q(repeat_key=""),
                name="corrections_one_open_request_per_repeat",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.name}"

    def save(self, *args, **kwargs):
        if self.deadline is None:
            self.deadline = reply_deadline(self.received_at)
        super().save(*args, **kwargs)

    @property
    @admin.display(description=_("numéro"))
    def reference(self) -> str:
        """The number the requester quotes: « DR-2016-00042 »."""
        year = timezone.localtime(self.received_at).year
        return f"DR-{year}-{self.pk or 0:05d}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        """Still open past its legal deadline."""
        return self.is_open and self.deadline < timezone.now()


class Correction(models.Model):
    """A dated note at the end of an article: a correction, a clarification or a reply."""

    class Kind(models.TextChoices):
        CORRECTION = "rectificatif", _("Rectificatif")
        CLARIFICATION = "precision", _("Précision")
        REPLY = "droit_de_reponse", _("Droit de réponse")

    # An article or a live page (settings.QUOTIDIEN_CORRECTABLE_PAGES): a page of either type.
    # PROTECT: a published reply must stay (the law), and a correction is the paper's word
    # to its readers; a corrected page is unpublished, never deleted (wagtail_hooks.py).
    article = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("article"),
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    kind = models.CharField(
        _("nature"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION
    )
    text = models.TextField(
        _("texte"),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("Des paragraphes séparés par une ligne vide."),
    )
    published_at = models.DateTimeField(
        _("date affichée"),
        default=timezone.now,
        help_text=_(
            "La date lue par les lecteurs, en tête du texte : « Rectificatif du » puis le "
            "jour, le mois en toutes lettres et l’année."
        ),
    )
    requester_name = models.CharField(
        _("auteur de la réponse"),
        max_length=150,
        blank=True,
        help_text=_("Pour un droit de réponse : la personne qui répond."),
    )
    editor_note = models.TextField(
        _("note de la rédaction"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_(
            "Facultative, pour un droit de réponse seulement : quelques lignes de la "
            "rédaction, publiées après la réponse."
        ),
    )
    reply_request = models.OneToOneField(
        ReplyRequest,
        verbose_name=_("demande de droit de réponse"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reply",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ajouté par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    class Meta:
        verbose_name = _("rectificatif")
        verbose_name_plural = _("rectificatifs")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["article", "published_at"]),
            models.Index(fields=["-published_at", "-id"], name="corrections_newest"),
        ]

    def __str__(self) -> str:
        return _("%(kind)s du %(date)s") % {
            "kind": self.get_kind_display(),
            "date": french_date(self.published_at),
        }

    @property
    def anchor(self) -> str:
        """The id of the correction on its article's page (`#rectificatif-12`)."""
        return f"rectificatif-{self.pk}"

    @property
    def paragraphs(self) -> list[str]:
        """The text's paragraphs, as separated by blank lines."""
        return _paragraphs(self.text)

    @property
    def note_paragraphs(self) -> list[str]:
        """The paragraphs of the newsroom's note after a reply (none without a note)."""
        return _paragraphs(self.editor_note)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]
