"""The page cache keeps the live entries' answer with the view's own validators and
Cache-Control, so that the polling script keeps getting 304s and its ten seconds."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils.http import http_date

from quotidien.live.views import validators
from quotidien.pagecache import versions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()


def test_cached_entries_keep_the_views_validators_and_max_age(live):
    page = live["page"]
    url = page.url + "entrees/"
    etag, newest = validators(page)

    first = Client().get(url)
    # The same content stored again, as after a change elsewhere under the page's path.
    versions.bump(*versions.path_keys(url))
    stored_again = Client().get(url)
    hit = Client().get(url)
    not_modified = Client().get(url, headers={"if-none-match": etag})

    assert [first["X-Page-Cache"], stored_again["X-Page-Cache"], hit["X-Page-Cache"]] == [
        "miss",
        "miss",
        "hit",
    ]
    for answer in (first, stored_again, hit):
        assert answer["ETag"] == etag
        assert answer["Last-Modified"] == http_date(newest.timestamp())
        assert "max-age=10" in answer["Cache-Control"]
        assert "max-age=0" not in answer["Cache-Control"]
    assert not_modified.status_code == 304 and not_modified["X-Page-Cache"] == "hit"
    assert not_modified["ETag"] == etag and "max-age=10" in not_modified["Cache-Control"]
