"""A run of the worker claims the addresses it purges for a while (a lease) and lets go of
them only once each proxy accepted their purge: a worker killed on the way leaves them to
the next run, and two workers never send the same purges at once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quotidien.frontcache import tasks
from quotidien.frontcache.models import PendingPurge
from quotidien.frontcache.tasks import purge_pending, request_purge
from tests.test_worker import run_worker

pytestmark = pytest.mark.django_db

SITE = "http://localhost"
ADDRESSES = [f"{SITE}/liban/", f"{SITE}/liban/barrage/", f"{SITE}/monde/"]


def later(monkeypatch, seconds: float) -> None:
    moment = timezone.now() + timedelta(seconds=seconds)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_the_purges_of_a_worker_killed_mid_batch_are_sent_by_the_next_run(
    purges, database_queue, monkeypatch
):
    request_purge(ADDRESSES)
    purges.killed_after = 1

    run_worker()  # dies after one address went out

    assert sorted(PendingPurge.objects.values_list("url", flat=True)) == ADDRESSES
    purges.killed_after = None
    purges.batches.clear()
    # While the lease runs the dead run might still be alive: nobody sends them twice.
    purge_pending.enqueue()
    run_worker()
    assert purges.batches == []

    later(monkeypatch, tasks.LEASE_SECONDS + 1)
    purge_pending.enqueue()
    run_worker()

    assert [sorted(batch) for batch in purges.batches] == [ADDRESSES]
    assert not PendingPurge.objects.exists()


def test_a_change_to_an_address_whose_lease_ran_out_has_it_purged_at_once(
    purges, database_queue, monkeypatch
):
    request_purge(ADDRESSES[:1])
    purges.killed_after = 0
    run_worker()
    purges.killed_after = None

    later(monkeypatch, tasks.LEASE_SECONDS + 1)
    request_purge(ADDRESSES[:1])  # enqueues a run, though the address is in the table
    run_worker()

    assert purges.batches == [[], ADDRESSES[:1]]
    assert not PendingPurge.objects.exists()


def test_two_runs_at_once_do_not_take_the_same_addresses(purges, database_queue):
    request_purge(ADDRESSES)

    first, second = tasks.claim(), tasks.claim()

    assert sorted(row.url for row in first.rows) == ADDRESSES
    assert second.rows == []
    assert set(PendingPurge.objects.values_list("claimed_by", flat=True)) == {first.owner}


def test_a_change_committed_while_its_address_is_being_purged_has_it_purged_again(
    purges, database_queue
):
    request_purge(ADDRESSES[:1])
    # The proxy may forget the page before the change is committed, and keep the old one
    # again from a request made in between.
    purges.meanwhile = lambda: request_purge(ADDRESSES[:1])

    run_worker()

    assert purges.batches == [ADDRESSES[:1], ADDRESSES[:1]]
    assert not PendingPurge.objects.exists()


def test_a_failed_purge_lets_go_of_its_claim_and_waits_for_its_retry(purges, database_queue):
    purges.failures = 1
    request_purge(ADDRESSES[:1])

    run_worker()

    [kept] = PendingPurge.objects.all()
    assert (kept.attempts, kept.claimed_by, kept.claimed_until) == (1, "", None)
    assert kept.due_at > timezone.now() + timedelta(seconds=25)


def test_the_purges_of_a_killed_worker_go_out_once_its_lease_ran_out_without_another_change(
    purges, database_queue, monkeypatch
):
    request_purge(ADDRESSES)
    purges.killed_after = 1
    run_worker()  # dies after one address went out
    purges.killed_after = None
    purges.batches.clear()

    run_worker()  # a quiet moment: nothing changes, nobody enqueues a purge
    assert purges.batches == []
    later(monkeypatch, tasks.LEASE_SECONDS + 1)
    run_worker()

    assert [sorted(batch) for batch in purges.batches] == [ADDRESSES]
    assert not PendingPurge.objects.exists()
