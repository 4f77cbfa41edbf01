"""An article under a view restriction (a password, a reader's login) is never found by
search, on the page or through the API: its entry leaves the index when the restriction
is set, and comes back when it is lifted. A restriction on a section holds for its
articles."""

import pytest
from wagtail.models import PageViewRestriction

from quotidien.search.indexing import rebuild_index
from quotidien.search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def lebanon(make_section, make_article):
    section = make_section("Liban")
    body = "<p>Les familles cueillent à la main les olives tombées dans le Koura.</p>"
    make_article(section, "Les pressoirs tournent à Amioun", slug="pressoirs")
    make_article(section, "Récolte dans le Koura", slug="recolte", body=[("paragraph", body)])
    return section


@pytest.fixture
def restrict(django_capture_on_commit_callbacks):
    """Set a view restriction on a page as the back office does, and let the worker do
    what it asks for once it is committed."""

    def restrict(page, kind=PageViewRestriction.LOGIN):
        with django_capture_on_commit_callbacks(execute=True):
            return PageViewRestriction.objects.create(
                page=page, restriction_type=kind, password="koura"
            )

    return restrict


def found_on_page(client, query: str) -> list[str]:
    """The addresses of the articles the search page lists, and the whole page."""
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    return [slug for slug in ("pressoirs", "recolte") if f"/liban/{slug}/" in html]


def found_by_api(client, query: str) -> list[str]:
    response = client.get("/api/v1/search/", {"q": query})
    assert response.status_code == 200
    return [item["url"].rsplit("/", 2)[-2] for item in response.json()["items"]]


def recolte(section):
    return section.get_children().get(slug="recolte").specific


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_a_restricted_article_is_found_neither_on_the_page_nor_by_the_api(
    client, lebanon, restrict, kind
):
    assert found_on_page(client, "olives") == ["recolte"]

    restrict(recolte(lebanon), kind)

    assert found_on_page(client, "olives") == []
    assert found_by_api(client, "olives") == []
    assert found_on_page(client, "koura") == []
    assert not SearchEntry.objects.filter(article=recolte(lebanon)).exists()


def test_a_restricted_article_is_never_shown_before_it_leaves_the_index(
    client, lebanon, django_capture_on_commit_callbacks
):
    # The worker has yet to take it out of the index: the results leave it out meanwhile.
    with django_capture_on_commit_callbacks(execute=False):
        PageViewRestriction.objects.create(
            page=recolte(lebanon), restriction_type=PageViewRestriction.LOGIN
        )
    assert SearchEntry.objects.filter(article=recolte(lebanon)).exists()

    assert found_on_page(client, "koura") == []
    assert found_by_api(client, "olives") == []


def test_an_article_whose_restriction_is_lifted_is_found_again(
    client, lebanon, restrict, django_capture_on_commit_callbacks
):
    restriction = restrict(recolte(lebanon))
    assert found_on_page(client, "olives") == []

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()

    assert found_on_page(client, "olives") == ["recolte"]
    assert found_by_api(client, "olives") == ["recolte"]


def test_a_restricted_section_takes_its_articles_out_of_search(
    client, lebanon, restrict, make_section, make_article
):
    make_article(make_section("Culture"), "Les olives dans la peinture libanaise", slug="peinture")

    restrict(lebanon)

    assert found_on_page(client, "koura") == []
    assert found_by_api(client, "olives") == ["peinture"]
    assert found_on_page(client, "amioun") == []


def test_an_article_published_under_a_restricted_section_is_not_indexed(
    client, lebanon, restrict, make_article
):
    restrict(lebanon)

    make_article(lebanon, "Les olives de Hasbaya", slug="hasbaya")

    assert client.get("/api/v1/search/", {"q": "hasbaya"}).json()["count"] == 0
    assert not SearchEntry.objects.filter(article__slug="hasbaya").exists()


def test_rebuilding_the_index_leaves_restricted_articles_out(
    client, lebanon, django_capture_on_commit_callbacks
):
    # Set with no worker around: the rebuild is what leaves the article out.
    with django_capture_on_commit_callbacks(execute=False):
        PageViewRestriction.objects.create(
            page=recolte(lebanon), restriction_type=PageViewRestriction.LOGIN
        )

    assert rebuild_index() == 1

    assert not SearchEntry.objects.filter(article=recolte(lebanon)).exists()
    assert found_on_page(client, "amioun") == ["pressoirs"]
