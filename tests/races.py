"""Two requests at the same moment, on PostgreSQL: each in a thread with its own
connection, both paused where they would store what they made until the other has caught
up, so that which one stores first is up to the code under test, never up to how fast the
machine is."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from django.db import connection, connections

T = TypeVar("T")


def side_by_side(monkeypatch, model, actions: list[Callable[[], T]]) -> list[T]:
    """The results of `actions`, run at once in two threads. Each, about to save a `model`
    instance, waits until the other has reached the same point (both read the database
    before either wrote), waits for this one's transaction to end, or is over."""
    start = threading.Barrier(len(actions))
    backend_pids, caught_up = {}, {}
    save = model.save

    def save_once_the_other_caught_up(instance, *args, **kwargs):
        me = threading.get_ident()
        caught_up[me].set()
        (other,) = set(caught_up) - {me}
        for _ in range(1000):
            if caught_up[other].wait(timeout=0.01):
                break
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_backend_pid() = ANY(pg_blocking_pids(%s))", [backend_pids[other]]
                )
                if cursor.fetchone()[0]:
                    break
        else:
            raise AssertionError("The other request neither went on nor waited.")
        return save(instance, *args, **kwargs)

    def run(action: Callable[[], T]) -> T:
        me = threading.get_ident()
        caught_up[me] = threading.Event()
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                (backend_pids[me],) = cursor.fetchone()
            start.wait(timeout=10)
            return action()
        finally:
            caught_up[me].set()
            connections.close_all()

    monkeypatch.setattr(model, "save", save_once_the_other_caught_up)
    with ThreadPoolExecutor(max_workers=len(actions)) as threads:
        return list(threads.map(run, actions))
