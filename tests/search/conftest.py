"""Fixtures of the search tests: the demo newsroom, alone or with the relevance archive."""

import tomllib
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings

from quotidien.demo.loader import load_articles, load_demo

# Articles written for the relevance set (relevance.toml), in the demo content format.
RELEVANCE_ARCHIVE = Path(__file__).parent / "relevance"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo newsroom loaded once for the module, and rolled back after it."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


def relevance_articles() -> list[dict]:
    """The articles of the relevance archive, from its TOML files."""
    return [
        item
        for path in sorted(RELEVANCE_ARCHIVE.glob("articles-*.toml"))
        for item in tomllib.loads(path.read_text(encoding="utf-8"))["articles"]
    ]


@pytest.fixture(scope="module")
def relevance_archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo newsroom and the relevance archive's articles, loaded once for the module
    and rolled back after it."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield load_articles(relevance_articles())
        transaction.set_rollback(True)
