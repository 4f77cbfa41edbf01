"""What each process keeps of the pages in its memory: a page from its second rendering on
(PAGE_CACHE_MIN_USES, as nginx's proxy_cache_min_uses) and no more megabytes than
PAGE_CACHE_MAX_MB, so that a crawler walking the archive neither grows a worker's memory
nor pushes out the pages readers ask for."""

import importlib

import pytest
from django.core.cache import caches
from django.test import Client

from quotidien.pagecache.backends import ProcessMemoryCache

pytestmark = pytest.mark.django_db


def memory(**options) -> ProcessMemoryCache:
    backend = ProcessMemoryCache("test-admission", {"OPTIONS": options})
    backend.clear()
    return backend


def test_a_key_is_kept_at_its_second_setting():
    store = memory(MIN_USES=2)

    store.set("lu-une-fois", "page")
    once = store.get("lu-une-fois")
    store.set("lu-une-fois", "page")

    assert once is None
    assert store.get("lu-une-fois") == "page"


def test_a_kept_key_set_again_stays_kept():
    store = memory(MIN_USES=2)
    store.set("page", "ancienne")
    store.set("page", "ancienne")

    store.set("page", "nouvelle")

    assert store.get("page") == "nouvelle"


def test_keys_set_once_are_remembered_for_a_while_only():
    store = memory(MIN_USES=2, MAX_ENTRIES=2)
    store.set("premiere", "page")
    for number in range(8):
        store.set(f"autre-{number}", "page")

    store.set("premiere", "page")

    assert store.get("premiere") is None


def test_the_least_recently_used_go_once_the_bytes_pass_the_bound():
    store = memory(MAX_BYTES=3_000)
    for key in ("a", "b", "c"):
        store.set(key, b"x" * 900)
    store.get("a")

    store.set("d", b"x" * 900)

    assert [key for key in "abcd" if store.get(key) is not None] == ["a", "c", "d"]


def test_production_keeps_a_page_from_its_second_rendering(paper, settings):
    production = importlib.import_module("quotidien.settings")
    settings.CACHES = {**settings.CACHES, "pages": production.CACHES["pages"]}
    caches["pages"].clear()
    url = paper["article"].url

    answers = [Client().get(url)["X-Page-Cache"] for _ in range(3)]

    assert answers == ["miss", "miss", "hit"]
    assert production.CACHES["pages"]["OPTIONS"]["MAX_BYTES"] == 16 * 1024 * 1024


def test_a_kept_page_outdated_is_kept_again_at_its_next_rendering(paper, settings):
    production = importlib.import_module("quotidien.settings")
    settings.CACHES = {**settings.CACHES, "pages": production.CACHES["pages"]}
    caches["pages"].clear()
    article = paper["article"]
    for _ in range(2):
        Client().get(article.url)
    article.title = "Le barrage de Qaraoun déborde"
    article.save_revision().publish()

    answers = [Client().get(article.url) for _ in range(2)]

    assert [answer["X-Page-Cache"] for answer in answers] == ["miss", "hit"]
    assert "Le barrage de Qaraoun déborde" in answers[1].content.decode()
