"""The site's user: one account for readers and newsroom staff alike."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    display_name = models.CharField(
        _("nom affiché"),
        max_length=60,
        blank=True,
        help_text=_("Le nom public montré avec les commentaires et les signatures."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def get_display_name(self) -> str:
        return self.display_name or self.get_full_name() or self.username
