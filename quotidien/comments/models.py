"""Reader comments under articles, and readers' reports about them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quotidien.moderation.models import FORMER_REPORT_CODES, REPORTED_GROUNDS, RefusalReason

MAX_LENGTH = 3000


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Comment.Status.PUBLISHED)

    def visible(self):
        """The published comments readers see: a reply only while its thread is published.

        A thread taken off the site hides its replies without changing them: published
        again, it brings them back."""
        return self.published().filter(
            models.Q(parent=None) | models.Q(parent__status=Comment.Status.PUBLISHED)
        )


class Comment(models.Model):
    """What a reader wrote under an article; kept whatever its fate."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de modération")
        PUBLISHED = "published", _("Publié")
        REJECTED = "rejected", _("Refusé")

    article = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("article"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("en réponse à"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("auteur"),
    )
    body = models.TextField(_("commentaire"), max_length=MAX_LENGTH)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    held_reason = models.TextField(
        _("motif de mise en attente ou de refus"),
        blank=True,
        help_text=_("Ce que le filtrage ou le modérateur a relevé, une raison par ligne."),
    )
    findings = models.JSONField(_("relevés du filtrage"), default=list, blank=True)
    created_at = models.DateTimeField(_("écrit le"), default=timezone.now)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("modéré le"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modéré par"),
    )
    open_reports = models.PositiveIntegerField(_("signalements en cours"), default=0)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        permissions = [("moderate_comment", _("Peut modérer les commentaires"))]
        indexes = [
            models.Index(fields=["article", "status", "-created_at"]),
            # The newest published comment under an article, and its threads in order.
            models.Index(
                fields=["article", "status", "-published_at"], name="comments_published_order"
            ),
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["author", "-created_at"]),
            # A reader's own comments under an article (those awaiting moderation show on
            # each of their views of it): not the article's thousands of others.
            models.Index(fields=["author", "article"], name="comments_reader_article"),
        ]

    def __str__(self) -> str:
        return f"{self.author.get_display_name()} : {self.body[:60]}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_visible(self) -> bool:
        """Whether readers see it, as `CommentQuerySet.visible` says: published, and a
        reply only while its thread is. Reads the thread (select_related("parent"))."""
        return self.is_published and (self.parent_id is None or self.parent.is_published)

    @property
    def approved_by_moderator(self) -> bool:
        """Published by a moderator's decision, which readers' reports no longer undo."""
        return self.is_published and self.moderated_at is not None


class Report(models.Model):
    """A reader's "Signaler" on a comment, until a moderator settles it."""

    # What readers report for: the charter's grounds they may report on, with the codes
    # and labels moderators refuse with (quotidien/moderation/charter.toml).
    Reason = models.TextChoices(
        "Reason",
        [
            (RefusalReason(code).name, (code, RefusalReason(code).label))
            for code in REPORTED_GROUNDS
        ],
    )

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("commentaire")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comment_reports",
        verbose_name=_("signalé par"),
    )
    # Reports kept under a former code read as the ground it became.
    reason = models.CharField(
        _("raison"),
        max_length=24,
        choices=Reason.choices
        + [(old, RefusalReason(new).label) for old, new in FORMER_REPORT_CODES.items()],
    )
    note = models.CharField(_("précision"), max_length=300, blank=True)
    counts_toward_hold = models.BooleanField(
        _("compte pour la remise en attente"),
        default=True,
        help_text=_(
            "Non pour le signalement d’un compte récent ou sans commentaire publié : "
            "il parvient aux modérateurs sans remettre le commentaire en attente."
        ),
    )
    created_at = models.DateTimeField(_("signalé le"), default=timezone.now)
    resolved_at = models.DateTimeField(_("traité le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.reporter})"
