"""Background work waits in the database until `quotidien worker` runs it.

The rest of the suite runs tasks as they are enqueued; these tests use the database queue
of production and run the worker of `quotidien worker` (in this process, `--batch`: it
stops once nothing is waiting).
"""

import logging
import os
import signal
import socket
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from quotidien.cli import worker_command
from quotidien.search.service import search_articles
from quotidien.stalled_tasks import requeue_stalled_tasks, worker_id
from quotidien.subscriptions.models import Plan, Price, Subscription

pytestmark = pytest.mark.django_db

SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
LOGGERS = ["django_tasks", "django_tasks_db"]


@pytest.fixture
def database_queue(monkeypatch):
    """The database queue of production. Its worker drops database connections between
    tasks, as a long-running process must; here that would end the test's transaction, which
    holds what the test wrote (SQLite's in-memory test database is never closed)."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    queue = {**settings.TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"}
    with override_settings(TASKS={"default": queue}):
        yield


def run_worker(*options: str) -> None:
    """`quotidien worker --batch` with `options`, leaving the test process's signals and
    logs as they were (the worker takes Ctrl-C to finish its task first)."""
    handlers = {number: signal.getsignal(number) for number in SIGNALS}
    levels = {name: logging.getLogger(name).level for name in LOGGERS}
    try:
        # call_command, not the command line: that would close the test's connection.
        _program, *command = worker_command(
            ["--batch", "--no-startup-delay", "--verbosity=0", *options]
        )
        call_command(*command)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def statuses(*, of: str = "quotidien.") -> list[str]:
    """The states of the project's tasks in the queue (Wagtail enqueues its own too)."""
    tasks = DBTaskResult.objects.filter(task_path__startswith=of)
    return sorted(tasks.values_list("status", flat=True))


def test_the_worker_runs_the_daily_sweep_and_the_reminders_it_enqueues(
    database_queue, make_reader, django_capture_on_commit_callbacks
):
    reader = make_reader("Nour H.", email="nour@example.org")
    plan = Plan.objects.create(name="Mensuel", slug="mensuel")
    Price.objects.create(plan=plan, currency="USD", amount=Decimal("10.00"))
    subscription = Subscription.objects.create(
        user=reader,
        plan=plan,
        source=Subscription.Source.STRIPE,
        status=Subscription.Status.ACTIVE,
        currency="USD",
        amount=Decimal("10.00"),
        current_period_end=timezone.now() + timedelta(days=6),
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("subscription_reminders")

    # Enqueued, not run: nothing is sent until a worker comes.
    assert statuses() == [TaskResultStatus.READY]
    assert mail.outbox == []

    # The sweep enqueues the reminder once its claim is committed: here, as the test's
    # transaction never commits, when the worker is done; a second run sends it.
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    assert statuses() == [TaskResultStatus.READY, TaskResultStatus.SUCCESSFUL]
    assert mail.outbox == []
    run_worker()

    assert statuses() == [TaskResultStatus.SUCCESSFUL] * 2
    [message] = mail.outbox
    assert message.to == ["nour@example.org"]
    assert message.subject.startswith("Votre abonnement sera renouvelé le ")
    subscription.refresh_from_db()
    assert subscription.reminded_for == subscription.current_period_end


def test_a_moved_section_is_found_under_its_new_parent_once_the_worker_ran(
    database_queue, make_section, make_article
):
    world = make_section("Monde")
    lebanon = make_section("Liban")
    south = make_section("Sud", parent=lebanon)
    make_article(south, "Récolte des agrumes")

    south.move(world, pos="last-child")
    world.refresh_from_db()

    def found() -> list[str]:
        return [a.title for a in search_articles(query="agrumes", section=world).articles]

    moves = "quotidien.search.tasks.index_articles_under"
    assert statuses(of=moves) == [TaskResultStatus.READY]
    assert found() == []

    run_worker()

    assert statuses(of=moves) == [TaskResultStatus.SUCCESSFUL]
    assert found() == ["Récolte des agrumes"]
    # Wagtail's own background work (its search and reference indexes) is run too.
    assert DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).count() == 0


def test_a_task_whose_worker_died_is_taken_back_by_the_next_worker(
    database_queue, make_section, make_article
):
    world = make_section("Monde")
    south = make_section("Sud", parent=make_section("Liban"))
    make_article(south, "Récolte des agrumes")
    south.move(world, pos="last-child")
    world.refresh_from_db()
    moves = DBTaskResult.objects.get(task_path="quotidien.search.tasks.index_articles_under")
    ended = subprocess.Popen(["true"])
    ended.wait()
    host = socket.gethostname()[:50]
    now = timezone.now()
    # The reindexing's worker was killed; four other tasks of Wagtail's are left running.
    moves.claim(f"{host}:{ended.pid}")
    others = list(DBTaskResult.objects.exclude(pk=moves.pk).filter(task_path__startswith="wagtail"))
    running = {
        "this host, living": (f"{host}:{os.getpid()}", now),
        "other host, recent": ("rotative-2:41", now - timedelta(minutes=5)),
        "other host, stalled": ("rotative-2:42", now - timedelta(hours=2)),
    }
    for task, (worker, started_at) in zip(others, running.values(), strict=False):
        task.claim(worker)
        DBTaskResult.objects.filter(pk=task.pk).update(started_at=started_at)

    assert requeue_stalled_tasks() == 2
    states = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert [states[task.pk] for task in others[:3]] == [
        TaskResultStatus.RUNNING,
        TaskResultStatus.RUNNING,
        TaskResultStatus.READY,
    ]
    run_worker()
    found = search_articles(query="agrumes", section=world).articles
    assert [article.title for article in found] == ["Récolte des agrumes"]
    moves.refresh_from_db()
    assert moves.status == TaskResultStatus.SUCCESSFUL
    assert moves.worker_ids == [f"{host}:{ended.pid}", worker_id()]
