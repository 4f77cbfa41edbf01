"""A subscriber article is now indexed as its teaser as the page shows it (the first
paragraph, or the first `QUOTIDIEN_TEASER_WORDS` words), then every word of its body once,
in alphabetical order (see quotidien/search/documents.py): an archive indexed before is
indexed again by the worker, as after migration 0005, whose function this runs."""

from importlib import import_module

from django.db import migrations

reindex = import_module("quotidien.search.migrations.0005_reindex_for_name_keys").reindex


class Migration(migrations.Migration):
    dependencies = [("search", "0006_narrow_vector_table")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
