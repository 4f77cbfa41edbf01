"""Versions kept in a process are trusted only while changes from other machines are heard."""

import pytest
from django.core.cache import caches

from quotidien.pagecache import versions
from tests.pagecache.test_front import cached, through_front

pytestmark = pytest.mark.django_db


class Channel:
    """Stands for the Redis channel of changes, its subscription up or down."""

    def __init__(self):
        self.heard = 0

    def read(self):
        return self.heard

    def renew(self):
        pass


def test_versions_are_read_for_each_page_while_changes_may_go_unheard(paper, monkeypatch):
    channel = Channel()
    monkeypatch.setattr(versions, "_channel", lambda: channel)
    versions.forget()
    url = paper["article"].url
    cached(url)
    assert through_front(url)[3] == 0

    # Another machine changes a token and announces it: this process hears of it.
    caches["versions"].set(versions.SITE, "changed elsewhere")
    channel.heard += 1
    assert through_front(url)[3] == 1
    cached(url)

    # The subscription is down: a change whose message is lost still shows at once.
    channel.heard = None
    assert through_front(url)[3] == 0
    caches["versions"].set(versions.SITE, "changed again, unheard")
    assert through_front(url)[3] == 1
