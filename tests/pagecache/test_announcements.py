"""A change is announced to whatever keeps copies of pages (a proxy to purge), whatever
fails on the way: one listener's failure neither stops the others nor the change."""

import pytest
from django.core.cache import caches

from quotidien.pagecache import versions
from quotidien.pagecache.models import LostRenewal

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    keys = []

    def failing(sender, **kwargs):
        raise RuntimeError("le proxy ne répond pas")

    def listening(sender, keys_heard=keys, **kwargs):
        keys_heard.append(kwargs["keys"])

    versions.outdated.connect(failing, dispatch_uid="test-failing")
    versions.outdated.connect(listening, dispatch_uid="test-listening")
    yield keys
    versions.outdated.disconnect(dispatch_uid="test-failing")
    versions.outdated.disconnect(dispatch_uid="test-listening")


def test_a_listener_failing_stops_neither_the_others_nor_the_change(
    heard, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        versions.outdate_path("/liban/titre/")

    assert heard == [("path:/liban/titre/",)]
    assert "annonce en échec" in caplog.text


def test_a_committed_change_is_announced_even_when_the_tokens_cannot_be_renewed(
    heard, monkeypatch, django_capture_on_commit_callbacks
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis injoignable")

    with django_capture_on_commit_callbacks() as at_commit:
        versions.outdate_path("/liban/titre/")
    # Redis goes away as the change commits.
    monkeypatch.setattr(caches["versions"], "set_many", unreachable)

    for callback in at_commit:
        callback()

    assert heard == [("path:/liban/titre/",)]
    # The worker renews them once Redis is back (tests/pagecache/test_redis_outage.py).
    assert list(LostRenewal.objects.values_list("key", flat=True)) == ["path:/liban/titre/"]
