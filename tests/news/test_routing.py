"""Pages are found by their address in one step, and a change of address shows at once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from quotidien.news.models import ArticlePage
from quotidien.pagecache import reads, versions

pytestmark = pytest.mark.django_db


@pytest.fixture
def syria(make_section):
    return make_section("Syrie", parent=make_section("Monde"))


def reader_client(make_reader):
    """A logged-in reader: the page cache never answers them, kept reads do."""
    client = Client()
    client.force_login(make_reader())
    return client


def test_articles_of_sub_sections_and_their_comments_are_found(client, syria, make_article):
    article = make_article(syria, "Les souks d’Alep rouvrent")

    assert client.get("/monde/syrie/").status_code == 200
    assert "Les souks d’Alep rouvrent" in client.get(article.url).content.decode()
    assert client.get(article.url + "commentaires/").status_code == 200
    assert client.get(article.url + "nulle-part/").status_code == 404
    assert client.get("/monde/nulle-part/").status_code == 404
    assert client.get("/syrie/").status_code == 404


def test_a_renamed_article_moves_to_its_new_address_at_once(syria, make_article, make_reader):
    article = make_article(syria, "Les souks d’Alep rouvrent")
    client = reader_client(make_reader)
    old_url = article.url
    assert client.get(old_url).status_code == 200

    article.slug = "souks-alep"
    article.save_revision().publish()

    assert client.get(old_url).status_code == 404
    assert client.get("/monde/syrie/souks-alep/").status_code == 200


def test_an_unpublished_article_is_gone_at_once(syria, make_article, make_reader):
    article = make_article(syria, "Les souks d’Alep rouvrent")
    client = reader_client(make_reader)
    assert client.get(article.url).status_code == 200

    article.unpublish()

    assert client.get(article.url).status_code == 404


def test_a_site_taken_down_stops_serving_at_once(syria, make_reader):
    client = reader_client(make_reader)
    assert client.get("/monde/syrie/").status_code == 200

    Site.objects.all().delete()

    assert client.get("/monde/syrie/").status_code == 404


def test_kept_reads_last_until_their_versions_change():
    calls = []
    kept = reads.KeptReads("test-kind", 2)

    def read():
        calls.append(1)
        return len(calls)

    assert kept.get("a", read) == 1
    assert kept.get("a", read) == 1
    versions.outdate_site()
    assert kept.get("a", read) == 2
    kept.get("b", read), kept.get("c", read)
    assert kept.get("a", read) == 5


def test_a_preview_neither_shows_nor_leaves_kept_reads(syria, make_article, make_reader):
    article = make_article(syria, "Les souks d’Alep rouvrent", tags=["Alep"])
    client = reader_client(make_reader)
    assert "Alep" in client.get(article.url).content.decode()

    draft = ArticlePage.objects.get(pk=article.pk)
    draft.tags.set(["Brouillon secret"])
    preview = draft.make_preview_request().content.decode()

    assert "Brouillon secret" in preview and ">Alep<" not in preview
    live = client.get(article.url).content.decode()
    assert "Brouillon secret" not in live and ">Alep<" in live


def test_a_path_deeper_than_any_page_is_not_found_without_searching_the_tree(client, syria):
    """Each segment of an address once added a term to the page query: a path of thousands
    of segments took seconds, hundreds of megabytes, and made SQLite fail."""
    with CaptureQueriesContext(connection) as shallow:
        assert client.get("/monde/nulle-part/").status_code == 404
    with CaptureQueriesContext(connection) as deep:
        response = client.get("/" + "monde/" * 1200)

    assert response.status_code == 404
    assert len(deep) < len(shallow)
    assert client.get("/monde/syrie/").status_code == 200
