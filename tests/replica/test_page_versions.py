"""A page rendered from the replica before it replayed a change is not kept as current."""

import pytest

from quotidien import replica
from quotidien.pagecache import versions
from tests.test_worker import run_worker

BOTH = ["default", "replica"]


@pytest.mark.django_db(databases=BOTH)
def test_the_pages_a_change_outdated_are_outdated_again_once_the_replica_has_it(
    replica_database, monkeypatch, django_capture_on_commit_callbacks
):
    keys = versions.path_keys("/liban/titre/")
    before = versions.current(keys)
    # What a page rendered while the replica lagged would be kept under: the tokens of
    # the committed change, read before the replica replays it.
    while_lagging = []

    def replaying(timeout):
        while_lagging.append(versions.current(keys))
        return True

    monkeypatch.setattr(replica, "replica_caught_up", replaying)
    with django_capture_on_commit_callbacks(execute=True):
        versions.outdate_path("/liban/titre/")

    now = versions.current(keys)
    assert while_lagging and while_lagging[0] != before
    assert now["path:/liban/titre/"] != while_lagging[0]["path:/liban/titre/"]
    # Only the pages of the change: the site's token moved with nothing else.
    assert now["site"] == before["site"]


@pytest.mark.django_db(databases=BOTH)
def test_the_writer_does_not_wait_for_the_replica_the_worker_does(
    replica_database, database_queue, monkeypatch, django_capture_on_commit_callbacks
):
    waited = []
    monkeypatch.setattr(replica, "replica_caught_up", lambda timeout: waited.append(timeout))
    keys = versions.path_keys("/liban/titre/")

    with django_capture_on_commit_callbacks(execute=True):
        versions.outdate_path("/liban/titre/")
    committed = versions.current(keys)

    assert waited == []
    run_worker()
    assert waited == [30]
    assert versions.current(keys)["path:/liban/titre/"] != committed["path:/liban/titre/"]
