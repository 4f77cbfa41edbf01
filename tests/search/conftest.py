"""Fixtures of the search tests: articles indexed with their final dates, the demo newsroom."""

import pytest
from django.db import transaction
from django.test import override_settings

from quotidien.demo.loader import load_demo
from quotidien.search.indexing import index_articles


@pytest.fixture
def make_article(make_article):
    """As the suite's, then indexed again: the suite's fixture back-dates after publishing."""

    def make(*args, **kwargs):
        article = make_article(*args, **kwargs)
        if article.live:
            index_articles(ids=[article.pk])
        return article

    return make


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo newsroom loaded once for the module, and rolled back after it."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)
