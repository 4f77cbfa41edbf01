"""Only editors create the paper's own pages, as they create sections: the Éditeurs group
of a newsroom set up before this permission was needed gets it (see quotidien/grants.py)."""

from django.db import migrations

from quotidien.grants import EDITORS, grant


def grant_permission(apps, schema_editor):
    grant(apps, EDITORS, [("sitepages", "informationpage", "add_informationpage")])


class Migration(migrations.Migration):
    dependencies = [
        ("sitepages", "0002_subscription_payment"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permission, migrations.RunPython.noop)]
