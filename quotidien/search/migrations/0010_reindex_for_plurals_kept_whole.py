"""Plurals that Snowball keeps whole (« convois », « élus », « feux ») now meet their
singulars (quotidien/search/analysis.py, `stem`): an archive indexed before is indexed
again by the worker, as after migration 0005, whose function this runs. Until it has, a
reader's « convoi » misses the articles that wrote « convois » and are not yet indexed
again."""

from importlib import import_module

from django.db import migrations

reindex = import_module("quotidien.search.migrations.0005_reindex_for_name_keys").reindex


class Migration(migrations.Migration):
    dependencies = [("search", "0009_index_live_pages")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
