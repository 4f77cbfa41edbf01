"""Only editors create sections, and journalists add a missing agency: the groups of a
newsroom set up before these permissions existed get them (see quotidien/grants.py)."""

from django.db import migrations

from quotidien.grants import EDITORS, JOURNALISTS, grant


def grant_permissions(apps, schema_editor):
    grant(apps, EDITORS, [("news", "sectionpage", "add_sectionpage")])
    grant(apps, JOURNALISTS, [("news", "agency", "add_agency")])


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0009_photo_description_help"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
