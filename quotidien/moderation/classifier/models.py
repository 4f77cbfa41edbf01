"""What the classifier learns from and what it becomes: moderators' decisions, model versions."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TrainingExample(models.Model):
    """A comment a moderator approved or refused: a labelled example in the newsroom's words.

    Only moderators' decisions on comments they read land here, never what the screening
    alone decided. The text is copied so that later edits of the comment do not change what
    was judged; a later decision on the same comment replaces the earlier one.
    """

    # A deleted comment (its author's account closed, say) takes its text away from here too.
    comment = models.OneToOneField(
        "comments.Comment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="training_example",
        verbose_name=_("commentaire"),
    )
    text = models.TextField(_("texte"))
    label = models.CharField(
        _("étiquette"),
        max_length=24,
        help_text=_("« acceptable », ou le motif de refus de la charte."),
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modérateur"),
    )
    decided_at = models.DateTimeField(_("décidé le"), db_index=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("décision apprise")
        verbose_name_plural = _("décisions apprises")

    def __str__(self) -> str:
        return f"{self.label} : {self.text[:60]}"


class ClassifierVersion(models.Model):
    """One trained model, its evaluation on the frozen test part, and whether it screens."""

    created_at = models.DateTimeField(_("entraîné le"), auto_now_add=True)
    data = models.BinaryField(_("modèle"))
    sha256 = models.CharField(_("empreinte"), max_length=64)
    trained_on = models.JSONField(_("données d’entraînement"), default=dict)
    report = models.JSONField(_("évaluation"), default=dict)
    is_installed = models.BooleanField(_("en service"), default=False)
    installed_at = models.DateTimeField(_("mis en service le"), null=True, blank=True)
    note = models.TextField(_("décision"), blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("version du classifieur")
        verbose_name_plural = _("versions du classifieur")
        constraints = [
            models.UniqueConstraint(
                fields=["is_installed"],
                condition=Q(is_installed=True),
                name="one_installed_classifier",
            )
        ]

    def __str__(self) -> str:
        return _("Version %(number)d") % {"number": self.pk}

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or "data" in update_fields:
            self.sha256 = hashlib.sha256(bytes(self.data)).hexdigest()
        super().save(*args, update_fields=update_fields, **kwargs)
