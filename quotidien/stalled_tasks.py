"""Tasks a worker was running when it died, given back to the queue.

django-tasks-db marks a task "running" when a worker takes it and "successful" or
"failed" when the task ends. A worker killed in between (out of memory, SIGKILL, the
machine rebooted) leaves it "running" for ever: the e-mail is never sent, the photo's
renditions never made, the proxy never purged. Each `quotidien worker` names itself by its
host and process (`worker_id`), and when it starts gives back to the queue the tasks whose
worker is gone: those of a worker of the same host whose process no longer exists, and
any task that has been running for more than TASKS_STALLED_AFTER_SECONDS (an hour by
default: none of the project's tasks runs that long), whichever host ran it.

The project's tasks take primary keys and can run again: a task taken back may have done
part of its work, or all of it just before its worker died (an e-mail may then go twice,
rather than never).
"""

import logging
import os
import socket
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus

logger = logging.getLogger(__name__)


def _host() -> str:
    # django-tasks-db takes worker ids of up to 64 characters; a process id has at most 7.
    return socket.gethostname()[:50]


def worker_id() -> str:
    """`host:pid` for this process: unique among the workers running at one time."""
    return f"{_host()}:{os.getpid()}"


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def _gone(last_worker: str, started_at, *, host: str, stalled_before) -> bool:
    if started_at is not None and started_at < stalled_before:
        return True
    worker_host, _, pid = last_worker.rpartition(":")
    return worker_host == host and pid.isdigit() and not _process_exists(int(pid))


def requeue_stalled_tasks() -> int:
    """Give back to the queue the running tasks whose worker is gone; how many."""
    from django_tasks_db.models import DBTaskResult

    host = _host()
    stalled_before = timezone.now() - timedelta(seconds=settings.TASKS_STALLED_AFTER_SECONDS)
    running = DBTaskResult.objects.running().values_list("pk", "worker_ids", "started_at")
    requeued = 0
    for pk, worker_ids, started_at in running:
        last_worker = worker_ids[-1] if worker_ids else ""
        if not _gone(last_worker, started_at, host=host, stalled_before=stalled_before):
            continue
        # Only if it is still running: another worker starting at the same moment may
        # have given it back, and a worker may have taken it since.
        taken_back = DBTaskResult.objects.filter(
            pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
        ).update(status=TaskResultStatus.READY)
        if taken_back:
            requeued += 1
            logger.warning(
                "Tâche %s reprise : son worker (%s) s’est arrêté sans la finir.",
                pk,
                last_worker or "inconnu",
            )
    return requeued
