"""Only editors create sections: the Éditeurs group of a newsroom set up before this
permission existed gets it, so that its editors keep creating sections."""

from django.db import migrations

EDITORS = "Éditeurs"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:  # a new install: setup_newsroom gives it
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="news", model="sectionpage")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="add_sectionpage",
        defaults={"name": "Can add rubrique"},
    )
    editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0009_photo_description_help"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
