"""Editors add corrections and handle right-of-reply requests: the Éditeurs group of a
newsroom set up before corrections existed gets these permissions (see quotidien/grants.py)."""

from django.db import migrations

from quotidien.grants import EDITORS, grant


def grant_permissions(apps, schema_editor):
    grant(
        apps,
        EDITORS,
        [
            *[
                ("corrections", "correction", f"{action}_correction")
                for action in ("add", "change", "delete", "view")
            ],
            ("corrections", "replyrequest", "change_replyrequest"),
            ("corrections", "replyrequest", "view_replyrequest"),
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("corrections", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
