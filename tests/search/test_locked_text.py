"""Search is no oracle of a subscriber article's locked text (the body past its teaser):
any word of the body finds the article, but a phrase of the locked text finds nothing, so
that no reader without access rebuilds it word after word from yes-or-no answers. On the
search page and through the API, with the database's index and with Wagtail's."""

import pytest

from quotidien.news.models import Access
from quotidien.search import analysis
from quotidien.search.models import SearchEntry

pytestmark = pytest.mark.django_db

WAGTAIL = "quotidien.search.backends.wagtail.WagtailSearchBackend"
TEASER = "Les dockers ont repris le travail lundi matin sur les quais du port"
# Past the teaser's eight words when the teaser is cut by words, in its paragraph.
FIRST = f"{TEASER}, où l’on réimprimait les étiquettes des conteneurs toute la nuit."
LOCKED = (
    "Le détail des contrats du port reste confidentiel selon nos sources, "
    "et le port attend toujours ses grues neuves."
)
LOCKED_PHRASES = [
    '"contrats du port reste confidentiel"',
    '"port port"',  # how many times a word comes is not told either
]
# Locked only when the teaser is cut by words.
PAST_EIGHT_WORDS = '"réimprimait les étiquettes des conteneurs"'


@pytest.fixture(params=["database", "wagtail"])
def backend(request, settings) -> str:
    if request.param == "wagtail":
        settings.QUOTIDIEN_SEARCH_BACKEND = WAGTAIL
    return request.param


@pytest.fixture(params=[0, 8], ids=["first-paragraph", "eight-words"])
def teaser_words(request, settings) -> int:
    settings.QUOTIDIEN_TEASER_WORDS = request.param
    return request.param


@pytest.fixture
def publish_locked(teaser_words, make_section, make_article):
    def publish():
        return make_article(
            make_section("Économie", slug="economie", access=Access.SUBSCRIBERS),
            "Le port de Beyrouth sous tension",
            slug="port",
            body=[("paragraph", f"<p>{FIRST}</p>"), ("paragraph", f"<p>{LOCKED}</p>")],
        )

    return publish


@pytest.fixture
def article(backend, publish_locked):
    return publish_locked()


def found(client, query: str) -> bool:
    """Whether the API and the search page find the article, which must agree."""
    api = client.get("/api/v1/search/", {"q": query}).json()["count"]
    page = client.get("/recherche/", {"q": query}).content.decode()
    assert api == ("/economie/port/" in page)
    return bool(api)


def test_a_phrase_of_the_locked_text_finds_nothing(client, article, teaser_words):
    for query in LOCKED_PHRASES + ([PAST_EIGHT_WORDS] if teaser_words else []):
        assert not found(client, query), query


def test_a_word_of_the_locked_text_or_a_phrase_of_the_teaser_finds_the_article(client, article):
    assert found(client, "réimprimait")
    assert found(client, "confidentiel grues")
    assert found(client, '"repris le travail lundi matin"')


def test_the_index_holds_each_locked_word_once(publish_locked, teaser_words):
    body = SearchEntry.objects.get(article=publish_locked()).body
    # Once in the teaser when it is the first paragraph, once past it.
    assert analysis.words(body).count("port") == (1 if teaser_words else 2)
    assert "reste confidentiel" not in body


def test_an_article_that_changes_access_is_indexed_again(client, article):
    article.access = Access.FREE
    article.save_revision().publish()
    assert found(client, '"contrats du port reste confidentiel"')

    article.access = Access.SUBSCRIBERS
    article.save_revision().publish()
    assert not found(client, '"contrats du port reste confidentiel"')
