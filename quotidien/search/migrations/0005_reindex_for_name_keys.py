"""The index now holds the keys of names and compounds beside the words (see
quotidien/search/analysis.py): an archive indexed before is indexed again by the worker.
A new install, whose index is empty, has nothing to do."""

from django.db import migrations


def reindex(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    if SearchEntry.objects.using(schema_editor.connection.alias).exists():
        from quotidien.search.tasks import reindex_archive

        reindex_archive.enqueue()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_vocabulary"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
