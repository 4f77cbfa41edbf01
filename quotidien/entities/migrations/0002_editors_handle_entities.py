"""Editors change, hide and merge entities; journalists see them: the groups of a newsroom
set up before these permissions existed get them (see quotidien/grants.py)."""

from django.db import migrations

from quotidien.entities.permissions import EDITOR_PERMISSIONS, JOURNALIST_PERMISSIONS
from quotidien.grants import EDITORS, JOURNALISTS, grant


def grant_permissions(apps, schema_editor):
    grant(apps, EDITORS, EDITOR_PERMISSIONS)
    grant(apps, JOURNALISTS, JOURNALIST_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
