"""Live pages ("directs") are indexed beside the articles: an entry of the index belongs
to a page, no longer to an article only. The live pages already published are indexed by
the worker (the task is named, not imported, as in migration 0005); a new install, whose
index is empty, has nothing to do.

On SQLite, altering the column rebuilds the table, which drops its trigger: it is created
again after (and before, when migrating back, since that rebuilds the table too).
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone
from django.utils.module_loading import import_string

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
INDEX_TASK = "quotidien.search.tasks.index_unindexed_pages"
SQLITE_TRIGGER = [
    "DROP TRIGGER IF EXISTS search_entry_deleted",
    "CREATE TRIGGER search_entry_deleted AFTER DELETE ON search_searchentry "
    "BEGIN DELETE FROM search_fts WHERE rowid = OLD.docid; END",
]


def sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGER:
            schema_editor.execute(statement)


def index_live_pages(apps, schema_editor):
    alias = schema_editor.connection.alias
    SearchEntry = apps.get_model("search", "SearchEntry")
    LivePage = apps.get_model("live", "LivePage")
    if not SearchEntry.objects.using(alias).exists():
        return
    if not LivePage.objects.using(alias).filter(live=True).exists():
        return
    if settings.TASKS["default"]["BACKEND"] != DATABASE_BACKEND:
        import_string(INDEX_TASK).enqueue()
        return
    TaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    TaskResult.objects.using(alias).create(
        id=uuid.uuid4(),
        status="READY",
        args_kwargs={"args": [], "kwargs": {}},
        priority=0,
        task_path=INDEX_TASK,
        queue_name="default",
        backend_name="default",
        run_after=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0008_reindex_for_stemming_overrides"),
        ("live", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, sqlite_trigger),
        migrations.AlterField(
            model_name="searchentry",
            name="article",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                primary_key=True,
                related_name="search_entry",
                serialize=False,
                to=settings.WAGTAIL_PAGE_MODEL,
                verbose_name="page",
            ),
        ),
        migrations.RunPython(sqlite_trigger, migrations.RunPython.noop),
        migrations.RunPython(index_live_pages, migrations.RunPython.noop),
    ]
