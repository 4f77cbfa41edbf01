"""Words that Snowball joined though they differ (« générateurs » and « générations »,
« port » and « porte », « Gaza » and « gaz »…) now have terms of their own
(quotidien/search/data/stemming.toml): an archive indexed before is indexed again by the
worker, as after migration 0005, whose function this runs. Until it has, a reader's
« port » misses the articles not yet indexed again."""

from importlib import import_module

from django.db import migrations

reindex = import_module("quotidien.search.migrations.0005_reindex_for_name_keys").reindex


class Migration(migrations.Migration):
    dependencies = [("search", "0007_reindex_for_locked_text")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
