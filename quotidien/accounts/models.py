"""The site's user: one account for readers and newsroom staff alike."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as BaseUserManager
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .names import display_name_key

# What the shown name is made of (`User.get_display_name`).
NAME_FIELDS = frozenset({"display_name", "first_name", "last_name", "username"})
# Accounts keyed again per query when a name changes in an update().
UPDATE_BATCH = 1000


def shown_name(user) -> str:
    """The name `user` shows (`User.get_display_name`), read from its fields alone: the
    manager below serves the historical models of migrations too, which have no methods."""
    full_name = f"{user.first_name} {user.last_name}".strip()
    return user.display_name or full_name or user.username


def shown_name_key(user) -> str:
    return display_name_key(shown_name(user))


class UserQuerySet(models.QuerySet):
    """Keeps `display_name_key` true to the name when accounts are written many at once."""

    def lock(self, user) -> None:
        """Hold `user`'s row until the transaction ends, so that what one reader does at
        the same moment in two requests (post the same comment, spend a free article)
        runs one after the other. SQLite's IMMEDIATE transactions already do."""
        self.select_for_update().filter(pk=user.pk).values_list("pk").first()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for user in objs:
            user.display_name_key = shown_name_key(user)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if NAME_FIELDS.isdisjoint(fields):
            return super().bulk_update(objs, fields, *args, **kwargs)
        objs = list(objs)
        for user in objs:
            user.display_name_key = shown_name_key(user)
        return super().bulk_update(objs, [*fields, "display_name_key"], *args, **kwargs)

    def update(self, **kwargs):
        if NAME_FIELDS.isdisjoint(kwargs):
            return super().update(**kwargs)
        # As QuerySet.update() does, before reading: all of it on the primary, not a replica.
        self._for_write = True
        with transaction.atomic(using=self.db, savepoint=False):
            # Which accounts, before the update changes what the filter reads.
            pks = list(self.values_list("pk", flat=True))
            updated = super().update(**kwargs)
            # The new names read back: `kwargs` may hold expressions.
            accounts = self.model._base_manager.db_manager(self.db)
            for start in range(0, len(pks), UPDATE_BATCH):
                users = accounts.filter(pk__in=pks[start : start + UPDATE_BATCH])
                users = list(users.only("pk", *NAME_FIELDS))
                for user in users:
                    user.display_name_key = shown_name_key(user)
                accounts.bulk_update(users, ["display_name_key"])
        return updated


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    pass


# The domain of the address an account takes when its reader deletes it: one that receives
# no mail (RFC 2606).
DELETED_ACCOUNTS_DOMAIN = "supprime.invalid"


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
    # When the reader last signed out their apps (« Mon compte »): the API tokens made
    # before no longer stand for them (quotidien.accounts.tokens).
    apps_signed_out_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def __str__(self) -> str:
        """The name the paper shows (« Rita Chidiac »), not the login (« editeur »): what
        the back office's logs, lists and choosers write of a person."""
        return shown_name(self)

    def get_display_name(self) -> str:
        return shown_name(self)

    def get_full_name(self) -> str:
        """The first and last names, else the shown name: what Wagtail writes of a person
        (« soumis par Nadia Khoury », the review's e-mails), never their login."""
        return super().get_full_name() or self.display_name

    def get_short_name(self) -> str:
        """The first name, else the shown name: Wagtail's e-mails greet with it."""
        return self.first_name or self.display_name

    @property
    def is_deleted(self) -> bool:
        """Whether the reader deleted the account (« Supprimer mon compte »): it keeps its
        row, under an address of DELETED_ACCOUNTS_DOMAIN, for what it paid and wrote."""
        return self.email.endswith(f"@{DELETED_ACCOUNTS_DOMAIN}")

    def enters_back_office(self) -> bool:
        """Whether the account opens the back office: editors, journalists, moderators, the
        Service abonnés and an active superuser, not readers."""
        return self.has_perm("wagtailadmin.access_admin")

    def save(self, *args, **kwargs):
        self.display_name_key = shown_name_key(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and NAME_FIELDS & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "display_name_key"}
        super().save(*args, **kwargs)
