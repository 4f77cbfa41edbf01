"""The parts of an article page kept between changes: for the readers the page cache cannot
serve, never beside a page the cache keeps whole."""

import pytest
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.test import Client

from quotidien.pagecache.fragments import fragment_context

pytestmark = pytest.mark.django_db


def kept_body(article, request) -> str | None:
    version = fragment_context(request, article.url)["fragment_version"]
    # The tag takes the name as written in the template, quotes and all.
    key = make_template_fragment_key('"article-body"', [article.pk, version])
    return caches["pages"].get(key)


def test_a_page_kept_whole_keeps_no_parts_beside_it(paper, rf):
    article = paper["article"]

    response = Client().get(article.url)

    assert response.status_code == 200
    assert response["ETag"]  # kept whole by the page cache
    assert kept_body(article, rf.get(article.url)) is None


def test_a_logged_in_readers_page_keeps_the_article_for_the_next_one(paper, make_reader, rf):
    article = paper["article"]
    client = Client()
    client.force_login(make_reader())

    client.get(article.url)

    assert "Corps de l’article" in kept_body(article, rf.get(article.url))


def test_a_timeout_of_zero_stores_nothing():
    pages = caches["pages"]
    pages.set("une-page", "ancienne")

    pages.set("une-page", "nouvelle", timeout=0)
    pages.add("une-autre", "page", timeout=0)

    assert pages.get("une-page") is None
    assert pages.get("une-autre") is None
