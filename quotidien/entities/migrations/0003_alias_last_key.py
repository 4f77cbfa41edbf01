"""A family name alone finds the full name: each spelling's key keeps its last word apart,
indexed."""

from django.db import migrations, models


def fill_last_keys(apps, schema_editor):
    Alias = apps.get_model("entities", "Alias")
    for alias in Alias.objects.only("pk", "key").iterator():
        Alias.objects.filter(pk=alias.pk).update(last_key=alias.key.rsplit(" ", 1)[-1])


class Migration(migrations.Migration):
    dependencies = [("entities", "0002_editors_handle_entities")]

    operations = [
        migrations.AddField(
            model_name="alias",
            name="last_key",
            field=models.CharField(
                db_index=True, default="", max_length=200, verbose_name="clé du dernier mot"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_last_keys, migrations.RunPython.noop),
    ]
