"""Purges have a queue of their own and a worker that serves it alone: a backlog of slow
tasks (an article's entities, a photo's renditions) never holds a stale page in the proxy."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from quotidien.cli import worker_command
from quotidien.entities.tasks import extract_entities
from quotidien.frontcache.tasks import request_purge
from tests.test_worker import run_worker

pytestmark = pytest.mark.django_db

BARRAGE = "http://localhost/liban/barrage/"


def test_the_purge_worker_sends_purges_waiting_behind_slow_tasks_and_leaves_those(
    purges, database_queue
):
    backlog = [extract_entities.enqueue(article_id=number) for number in range(3)]
    request_purge([BARRAGE])

    run_worker("--queues=purges")

    assert purges.batches == [[BARRAGE]]
    waiting = DBTaskResult.objects.filter(pk__in=[result.id for result in backlog])
    assert set(waiting.values_list("status", flat=True)) == {TaskResultStatus.READY}


def test_a_worker_asked_for_a_queue_that_does_not_exist_says_which_ones_do(capsys):
    # A misspelt queue would leave the purges to nobody, the worker waiting in silence.
    with pytest.raises(SystemExit) as stopped:
        worker_command(["--queues=purge"])

    assert stopped.value.code == 2
    assert "file inconnue : « purge » (files : default, purges)" in capsys.readouterr().err
