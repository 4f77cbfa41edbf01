"""A page rendered from the replica before it replayed a change is not kept as current."""

import pytest

from quotidien import replica
from quotidien.pagecache import versions

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
