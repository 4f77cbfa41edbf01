"""Moderation records: editable word lists, banned readers and the audit log."""

import tomllib
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class WordList(models.Model):
    """A list of words the screening looks for, edited by moderators in the back office."""

    class Kind(models.TextChoices):
        BANNED = "banned", _("Mots interdits (refus)")
        SUSPECT = "suspect", _("Mots suspects (mise en attente)")
        DEHUMANISING = "dehumanising", _("Termes déshumanisants et insultes visant une personne")
        GROUPS = "groups", _("Mots désignant des groupes de personnes")

    kind = models.CharField(_("liste"), max_length=16, choices=Kind.choices, unique=True)
    words = models.TextField(
        _("mots"),
        help_text=_(
            "Un mot ou une expression par ligne ; majuscules et accents sont ignorés. "
            "Une ligne qui commence par # est un commentaire."
        ),
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    panels = [FieldPanel("kind", read_only=True), FieldPanel("words")]

    class Meta:
        ordering = ["kind"]
        verbose_name = _("liste de mots")
        verbose_name_plural = _("listes de mots")

    def __str__(self) -> str:
        return self.get_kind_display()


class BanQuerySet(models.QuerySet):
    def active(self):
        """The bans in force now: permanent ones, and suspensions not yet over."""
        return self.filter(models.Q(until=None) | models.Q(until__gt=timezone.now()))


class Ban(models.Model):
    """A reader barred from commenting, for good or until a date (a suspension).

    A suspension ends by itself: posting checks `until`, nothing has to lift it.
    """

    class Duration(models.TextChoices):
        DAY = "24h", _("24 heures")
        WEEK = "7j", _("7 jours")
        MONTH = "30j", _("30 jours")
        PERMANENT = "definitif", _("Définitivement")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comment_ban",
        verbose_name=_("lecteur"),
    )
    reason = models.CharField(_("motif"), max_length=300)
    banned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("banni par"),
    )
    created_at = models.DateTimeField(_("banni le"), default=timezone.now)
    until = models.DateTimeField(
        _("jusqu’au"), null=True, blank=True, help_text=_("Vide pour un bannissement définitif.")
    )

    objects = BanQuerySet.as_manager()

    class Meta:
        verbose_name = _("bannissement")
        verbose_name_plural = _("bannissements")

    def __str__(self) -> str:
        return f"{self.user} : {self.reason}"

    def is_active(self) -> bool:
        """Whether the ban is in force now (see `BanQuerySet.active`)."""
        return self.until is None or self.until > timezone.now()


# How long each choice of `Ban.Duration` bars a reader; None is for good.
BAN_LENGTHS = {
    Ban.Duration.DAY: timedelta(hours=24),
    Ban.Duration.WEEK: timedelta(days=7),
    Ban.Duration.MONTH: timedelta(days=30),
    Ban.Duration.PERMANENT: None,
}


class BanRefusal(models.Model):
    """A comment that a ban refused, with its reason before, so that undoing the ban restores it."""

    ban = models.ForeignKey(
        Ban, on_delete=models.CASCADE, related_name="refusals", verbose_name=_("bannissement")
    )
    comment = models.ForeignKey(
        "comments.Comment",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("commentaire"),
    )
    held_reason = models.TextField(_("motif de mise en attente avant le bannissement"), blank=True)

    class Meta:
        verbose_name = _("commentaire refusé par un bannissement")
        verbose_name_plural = _("commentaires refusés par un bannissement")
        constraints = [
            models.UniqueConstraint(fields=["ban", "comment"], name="one_refusal_per_ban_comment")
        ]

    def __str__(self) -> str:
        return f"{self.ban} : {self.comment_id}"


def _charter() -> dict:
    with (Path(__file__).parent / "charter.toml").open("rb") as file:
        return tomllib.load(file)


CHARTER = _charter()

# The charter's grounds for refusing a comment: what the reader is told, what a model
# learns, and what readers report comments for (`reported` ones, see `Report.Reason`).
# Read from charter.toml; the codes are stable: the audit log, the reports and the
# decisions a classifier learns from keep them. The labels go through the translation
# catalogue as other labels do, for a back office shown in another language.
RefusalReason = models.TextChoices(
    "RefusalReason",
    [(ground["name"], (ground["code"], _(ground["label"]))) for ground in CHARTER["ground"]],
)
REPORTED_GROUNDS = [ground["code"] for ground in CHARTER["ground"] if ground["reported"]]
# Codes reports were once stored under → the ground each reads as now.
FORMER_REPORT_CODES: dict[str, str] = CHARTER["former_report_codes"]


class ModerationAction(models.Model):
    """One line of the audit log: who did what to which comment or reader, when and why."""

    class Kind(models.TextChoices):
        SCREENED = "screened", _("Filtrage automatique")
        APPROVED = "approved", _("Approuvé")
        REJECTED = "rejected", _("Refusé")
        BANNED = "banned", _("Auteur banni")
        UNBANNED = "unbanned", _("Bannissement levé")
        REPORTED = "reported", _("Remis en file après signalements")
        REQUEUED = "requeued", _("Remis en file, bannissement annulé")
        HELD = "held", _("Remis en attente par un modérateur")

    kind = models.CharField(_("action"), max_length=10, choices=Kind.choices)
    comment = models.ForeignKey(
        "comments.Comment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderation_actions",
        verbose_name=_("commentaire"),
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderation_history",
        verbose_name=_("lecteur concerné"),
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
        verbose_name=_("modérateur"),
        help_text=_("Vide pour le filtrage automatique."),
    )
    reason = models.TextField(_("motif"), blank=True)
    category = models.CharField(
        _("motif de la charte"),
        max_length=24,
        choices=RefusalReason.choices,
        blank=True,
        help_text=_("Pour un refus : le motif choisi dans la charte des commentaires."),
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("action de modération")
        verbose_name_plural = _("journal de modération")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} : {self.reader}"
