"""Journalists post live entries and editors change any: the groups of a newsroom set up
before live coverage existed get these permissions (see quotidien/grants.py)."""

from django.db import migrations

from quotidien.grants import EDITORS, JOURNALISTS, grant

ENTRY = ("live", "liveentry")


def grant_permissions(apps, schema_editor):
    grant(apps, JOURNALISTS, [(*ENTRY, "add_liveentry")])
    grant(
        apps, EDITORS, [(*ENTRY, f"{action}_liveentry") for action in ("add", "change", "delete")]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
