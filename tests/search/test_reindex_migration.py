"""The upgrade that has the archive indexed again (search's migration 0005) with a task
backend other than the database queue: the task goes to that backend, and no row waits in
a queue no worker reads. The database queue's row is checked, and run as the worker
runs it, in tests/search/test_variants.py."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tasks import default_task_backend
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db

upgrade = import_module("quotidien.search.migrations.0005_reindex_for_name_keys")


@pytest.fixture
def run_upgrade(settings):
    """Run the migration's function with the models as they stood then, tasks going to a
    backend that keeps what is enqueued; returns the tasks enqueued."""
    state = MigrationLoader(connection).project_state(
        ("search", upgrade.__name__.rpartition(".")[2])
    )

    def run() -> list[str]:
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        upgrade.reindex(state.apps, SimpleNamespace(connection=connection))
        return [result.task.module_path for result in default_task_backend.results]

    return run


def test_with_another_task_backend_the_upgrade_enqueues_the_reindexing_there(
    run_upgrade, home, make_section, make_article
):
    make_article(make_section("Liban"), "Le port de Saïda reprend vie")

    assert run_upgrade() == ["quotidien.search.tasks.reindex_archive"]
    assert not DBTaskResult.objects.exists()


def test_a_new_install_has_nothing_to_index_again(run_upgrade):
    assert run_upgrade() == []
    assert not DBTaskResult.objects.exists()
