"""The search engine is chosen by a setting; the page works the same with another one."""

import pytest

from quotidien.search.backends import get_backend
from quotidien.search.backends.wagtail import WagtailSearchBackend, modelsearch_query
from quotidien.search.models import SearchEntry
from quotidien.search.query import parse_query

pytestmark = pytest.mark.django_db

WAGTAIL = "quotidien.search.backends.wagtail.WagtailSearchBackend"


def test_setting_chooses_the_backend(settings):
    settings.QUOTIDIEN_SEARCH_BACKEND = WAGTAIL

    assert isinstance(get_backend(), WagtailSearchBackend)


def test_queries_become_modelsearch_phrases_and_exclusions():
    query = modelsearch_query(parse_query('incendies "prix du pain" -Chouf'))

    assert repr(query) == (
        "<And <And <PlainText 'incendies' operator='and' boost=1> <Phrase 'prix du pain'>> "
        "<Not <Or <PlainText 'Chouf' operator='and' boost=1>>>>"
    )


def test_search_page_works_through_wagtails_own_backend(
    client, settings, make_section, make_article
):
    settings.QUOTIDIEN_SEARCH_BACKEND = WAGTAIL
    section = make_section("Liban")
    make_article(section, "Incendie de forêt dans le Chouf", standfirst="Les pompiers luttent.")
    make_article(section, "Récolte des olives à Hasbaya")

    html = client.get("/recherche/", {"q": "pompiers"}).content.decode()

    assert "Incendie de forêt dans le Chouf" in html
    assert "<mark>pompiers</mark>" in html
    assert "olives" not in html
    # Found through Wagtail's index: the database backend's own index stayed empty.
    assert not SearchEntry.objects.exists()
