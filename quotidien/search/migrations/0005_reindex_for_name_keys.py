"""The index now holds the keys of names and compounds beside the words (see
quotidien/search/analysis.py): an archive indexed before is indexed again by the worker.
A new install, whose index is empty, has nothing to do.

The worker's task is named, not imported: the row this migration leaves in the queue is
the one enqueueing it writes (django-tasks' database backend, in the state of its
migration 0021), so that migrating never runs the search code of the day, which may
since have moved or changed. Another task backend (TASKS_BACKEND, e.g. the immediate one,
which has no worker) gets the task enqueued as the code names it today.
"""

import uuid

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from django.utils.module_loading import import_string

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"

REINDEX_TASK = "quotidien.search.tasks.reindex_archive"


def reindex(apps, schema_editor):
    alias = schema_editor.connection.alias
    SearchEntry = apps.get_model("search", "SearchEntry")
    if not SearchEntry.objects.using(alias).exists():
        return
    if settings.TASKS["default"]["BACKEND"] != DATABASE_BACKEND:
        import_string(REINDEX_TASK).enqueue()
        return
    TaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    TaskResult.objects.using(alias).create(
        id=uuid.uuid4(),
        status="READY",
        args_kwargs={"args": [], "kwargs": {}},
        priority=0,
        task_path=REINDEX_TASK,
        queue_name="default",
        backend_name="default",
        run_after=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_vocabulary"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
