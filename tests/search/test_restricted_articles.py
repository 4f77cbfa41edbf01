"""An article under a view restriction (a password, a reader's login) is never found by
search, on the page or through the API: its entry leaves the index when the restriction
is set, and comes back when it is lifted. A restriction on a section holds for its
articles. With Wagtail's own search backend too, whose index holds every live page,
restricted or not."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import PageViewRestriction
from wagtail.search.models import IndexEntry

from quotidien.news.models import ArticlePage
from quotidien.search.indexing import rebuild_index
from quotidien.search.models import SearchEntry

pytestmark = pytest.mark.django_db

WAGTAIL = "quotidien.search.backends.wagtail.WagtailSearchBackend"


@pytest.fixture(autouse=True, params=["database", "wagtail"])
def backend(request, settings) -> str:
    """Each test with the database's own index and with Wagtail's."""
    if request.param == "wagtail":
        settings.QUOTIDIEN_SEARCH_BACKEND = WAGTAIL
    return request.param


def indexed(article, backend: str) -> bool:
    """Whether `article` is in the index that `backend` searches."""
    if backend == "wagtail":
        return IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ArticlePage), object_id=str(article.pk)
        ).exists()
    return SearchEntry.objects.filter(article=article).exists()


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


def found_by_api(client, query: str, *, counted: bool = True) -> list[str]:
    """The slugs of the articles the API finds, which it counts and pages as many (when
    `counted`)."""
    response = client.get("/api/v1/search/", {"q": query})
    assert response.status_code == 200
    found = response.json()
    if counted:
        assert found["count"] == len(found["items"])
    return [item["url"].rsplit("/", 2)[-2] for item in found["items"]]


def recolte(section):
    return section.get_children().get(slug="recolte").specific


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_a_restricted_article_is_found_neither_on_the_page_nor_by_the_api(
    client, lebanon, restrict, kind, backend
):
    assert found_on_page(client, "olives") == ["recolte"]

    restrict(recolte(lebanon), kind)

    assert found_on_page(client, "olives") == []
    assert found_by_api(client, "olives") == []
    assert found_on_page(client, "koura") == []
    assert not indexed(recolte(lebanon), backend)


def test_a_restricted_article_is_never_shown_before_it_leaves_the_index(
    client, lebanon, django_capture_on_commit_callbacks, backend
):
    # The worker has yet to take it out of the index: the results leave it out meanwhile.
    with django_capture_on_commit_callbacks(execute=False):
        PageViewRestriction.objects.create(
            page=recolte(lebanon), restriction_type=PageViewRestriction.LOGIN
        )
    assert indexed(recolte(lebanon), backend)

    assert found_on_page(client, "koura") == []
    # The database's index still counts it until then.
    assert found_by_api(client, "olives", counted=False) == []


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
    client, lebanon, restrict, make_article, backend
):
    restrict(lebanon)

    hasbaya = make_article(lebanon, "Les olives de Hasbaya", slug="hasbaya")

    assert client.get("/api/v1/search/", {"q": "hasbaya"}).json()["count"] == 0
    assert not indexed(hasbaya, backend)


def test_rebuilding_the_index_leaves_restricted_articles_out(
    client, lebanon, django_capture_on_commit_callbacks, backend
):
    # Set with no worker around: the rebuild is what leaves the article out.
    with django_capture_on_commit_callbacks(execute=False):
        PageViewRestriction.objects.create(
            page=recolte(lebanon), restriction_type=PageViewRestriction.LOGIN
        )

    assert rebuild_index() == 1

    # Wagtail's own index is rebuilt by its command, every live page in it: its search is
    # what leaves the article out.
    if backend == "database":
        assert not indexed(recolte(lebanon), backend)
    assert found_by_api(client, "koura") == []
    assert found_on_page(client, "amioun") == ["pressoirs"]
