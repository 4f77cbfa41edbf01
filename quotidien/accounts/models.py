"""The site's user: one account for readers and newsroom staff alike."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .names import display_name_key

# What the shown name is made of (`User.get_display_name`).
NAME_FIELDS = frozenset({"display_name", "first_name", "last_name", "username"})


class UserManager(BaseUserManager):
    def bulk_create(self, objs, *args, **kwargs):
        """Accounts made many at once (the demo's readers) are keyed by name as well."""
        objs = list(objs)
        for user in objs:
            user.display_name_key = user.shown_name_key()
        return super().bulk_create(objs, *args, **kwargs)


class User(AbstractUser):
    display_name = models.CharField(
        _("nom affiché"),
        max_length=60,
        blank=True,
        help_text=_("Le nom public montré avec les commentaires et les signatures."),
    )
    # The shown name as readers tell names apart (quotidien.accounts.names), kept by save()
    # so that a new name is compared with every other in one query. Not unique: accounts
    # older than the key may read alike, and keep their names.
    display_name_key = models.CharField(max_length=255, blank=True, db_index=True, editable=False)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def get_display_name(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def shown_name_key(self) -> str:
        return display_name_key(self.get_display_name())

    def save(self, *args, **kwargs):
        self.display_name_key = self.shown_name_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and NAME_FIELDS & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "display_name_key"}
        super().save(*args, **kwargs)
