"""Permissions a new version gives the newsroom's existing groups, for data migrations.

A new install gets its groups and their permissions from `setup_newsroom`; an install set up
before a permission existed gets it from the migration that brings it, so that no one loses
or lacks a right between the upgrade and the next run of that command. Groups that do not
exist are left alone (`setup_newsroom` creates them with everything).
"""

from collections.abc import Iterable

JOURNALISTS = "Journalistes"
EDITORS = "Éditeurs"


def grant(apps, group: str, permissions: Iterable[tuple[str, str, str]]) -> None:
    """Give `group` the (app label, model, codename) `permissions`, creating the rows Django
    would create after the migrations (they are not there yet when the model is new)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    found = Group.objects.filter(name=group).first()
    if found is None:
        return
    for app_label, model, codename in permissions:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        verbose_name = apps.get_model(app_label, model)._meta.verbose_name
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.split('_', 1)[0]} {verbose_name}"},
        )
        found.permissions.add(permission)
