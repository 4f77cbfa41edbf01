"""With a shared page cache, each process keeps the pages it served, never behind it."""

import pytest
from django.core.cache import caches

from tests.pagecache.test_front import cached, through_front

pytestmark = pytest.mark.django_db


def test_a_page_kept_here_gives_way_to_the_one_another_process_rendered(paper, two_levels):
    article = paper["article"]
    cached(article.url)
    caches["pages"].clear()
    # Kept in this process: served without the shared cache.
    assert through_front(article.url)[3] == 0

    article.title = "Le barrage de Qaraoun déborde"
    article.save_revision().publish()
    # Another process, with its own memory, renders the changed page into the shared cache.
    two_levels.PAGE_CACHE_FIRST_LEVEL = None
    cached(article.url)
    two_levels.PAGE_CACHE_FIRST_LEVEL = "pages-local"

    status, _headers, body, calls = through_front(article.url)
    assert (status, calls) == ("200 OK", 0)
    assert "Qaraoun déborde" in body.decode()
