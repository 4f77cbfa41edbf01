"""Addresses anyone can make up, too long or with spaces for a cache key as it is written,
are kept under keys every store takes: no warning in the log for each, and never a
failure of the versions' store (a key over 255 characters in the database's table on
PostgreSQL) that would switch the page cache off for every reader."""

import warnings

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import CacheKeyWarning
from django.test import Client

from quotidien.pagecache import versions

pytestmark = pytest.mark.django_db

MADE_UP = [
    "/droit-de-reponse/recue/" + "x" * 400 + "/",
    "/liban/" + "é" * 300 + "/",
    "/liban/deux%20mots%09et%7fun/",
]


def served(url: str) -> str:
    return Client().get(url)["X-Page-Cache"]


@pytest.mark.parametrize("made_up", MADE_UP)
def test_a_made_up_address_neither_warns_nor_turns_the_cache_off(paper, made_up):
    article = paper["article"].url
    served(article), served(article)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        answer = Client().get(made_up)

    assert answer.status_code == 404
    assert served(article) == "hit"


def test_a_long_address_is_outdated_like_any_other():
    path = "/liban/" + "x" * 400 + "/"
    before = versions.current(versions.path_keys(path))
    versions.outdate_path(path)
    after = versions.current(versions.path_keys(path))

    assert after[f"path:{path}"] != before[f"path:{path}"]
    assert after["path:/liban/"] == before["path:/liban/"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        caches["versions"].set(f"path:{path}", "jeton")
        assert caches["versions"].get(f"path:{path}") == "jeton"
