"""The rest of a subscriber article never reaches a reader without access by any channel
other than its page: the API, RSS and Atom, search results, structured data, sitemaps and
the comments page; subscribers and the newsroom read it all through the API."""

import feedparser
import pytest
from django.core.cache import cache
from django.test import Client

from quotidien.accounts.tokens import reader_token
from quotidien.subscriptions.models import MeteredRead
from tests.subscriptions.running import subscribe
from tests.syndication.paper import json_ld, open_graph, structured

# A distinctive sentence of the locked part (the second paragraph), and the teaser's.
LOCKED = "Le détail des contrats du port reste confidentiel"
FIRST = "Les dockers ont repris le travail lundi matin"
STANDFIRST = "Les concessions portuaires font débat au Parlement."
LOCKED_WORD = "confidentiel"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The API's rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def locked_article(economy, make_article):
    return make_article(
        economy,
        "Le port de Beyrouth sous tension",
        standfirst=STANDFIRST,
        body=[
            ("paragraph", f"<p>{FIRST}, après trois jours de grève.</p>"),
            ("subheading", "Des contrats opaques"),
            ("paragraph", f"<p>{LOCKED}, selon nos sources.</p>"),
        ],
    )


@pytest.fixture
def free_article(make_section, make_article):
    return make_article(
        make_section("Sport", slug="sport"),
        "La finale au stade de la Cité sportive",
        body=[("paragraph", "<p>Le match a commencé.</p>"), ("paragraph", "<p>Et fini.</p>")],
    )


@pytest.fixture
def subscriber(make_reader, plan):
    reader = make_reader("Abonnée")
    subscribe(reader, plan)
    return reader


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {reader_token(user)[0]}"}


def api() -> Client:
    return Client(HTTP_HOST="localhost")


def detail_url(article) -> str:
    return f"/api/v1/articles/{article.pk}/"


# The JSON API: an article's detail.


def test_api_detail_gives_an_anonymous_reader_the_teaser_and_says_it_is_locked(locked_article):
    response = api().get(detail_url(locked_article))

    article = response.json()
    assert response.status_code == 200
    assert LOCKED not in response.content.decode()
    assert "Des contrats opaques" not in response.content.decode()
    assert article["access"] == "subscribers"
    assert article["badge"] == "Abonnés"
    assert article["locked"] is True
    assert [block["type"] for block in article["body"]] == ["paragraph"]
    assert f"{FIRST}, après trois jours de grève…" in article["body"][0]["html"]
    assert f"{FIRST}, après trois jours de grève…" in article["body_html"]
    assert article["standfirst"] == STANDFIRST


def test_api_detail_gives_a_reader_without_subscription_the_teaser_and_spends_no_meter(
    locked_article, make_reader, settings
):
    settings.QUOTIDIEN_METER_PER_MONTH = 3
    reader = make_reader()

    response = api().get(detail_url(locked_article), **bearer(reader))

    assert response.status_code == 200
    assert LOCKED not in response.content.decode()
    assert response.json()["locked"] is True
    assert not MeteredRead.objects.exists()


def test_api_detail_gives_a_subscriber_the_whole_article_privately(locked_article, subscriber):
    response = api().get(detail_url(locked_article), **bearer(subscriber))

    article = response.json()
    assert response.status_code == 200
    assert LOCKED in article["body_html"]
    assert [block["type"] for block in article["body"]] == ["paragraph", "subheading", "paragraph"]
    assert article["locked"] is False
    assert article["access"] == "subscribers"
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Authorization" in response["Vary"]


def test_api_detail_gives_a_subscriber_signed_in_on_the_site_the_whole_article(
    locked_article, subscriber
):
    site = api()
    site.force_login(subscriber)

    response = site.get(detail_url(locked_article))

    assert LOCKED in response.json()["body_html"]
    assert "no-store" in response["Cache-Control"]


def test_api_detail_gives_the_newsroom_the_whole_article(locked_article, admin_user):
    response = api().get(detail_url(locked_article), **bearer(admin_user))

    assert LOCKED in response.json()["body_html"]
    assert "private" in response["Cache-Control"]


def test_api_detail_refuses_a_forged_token_rather_than_answer_a_teaser(locked_article):
    response = api().get(detail_url(locked_article), HTTP_AUTHORIZATION="Bearer faux-jeton")

    assert response.status_code == 401
    assert LOCKED not in response.content.decode()


def test_api_free_article_is_whole_and_public_for_everyone(free_article):
    response = api().get(detail_url(free_article))

    article = response.json()
    assert "Et fini." in article["body_html"]
    assert article["access"] == "free" and article["badge"] is None
    assert article["locked"] is False
    assert response["Cache-Control"] == "public, max-age=60"


def test_an_anonymous_read_after_a_subscribers_gets_the_teaser_under_another_etag(
    locked_article, subscriber
):
    full = api().get(detail_url(locked_article), **bearer(subscriber))
    after = api().get(detail_url(locked_article))
    revalidated = api().get(detail_url(locked_article), HTTP_IF_NONE_MATCH=full["ETag"])

    assert LOCKED in full.content.decode()
    assert "public" not in full["Cache-Control"]
    assert LOCKED not in after.content.decode()
    assert after["Cache-Control"] == "public, max-age=60"
    assert "Authorization" in after["Vary"]
    assert after["ETag"] != full["ETag"]
    # The subscriber's copy is not "still current" for a reader without access.
    assert revalidated.status_code == 200
    assert LOCKED not in revalidated.content.decode()


# The JSON API: lists and search.


def test_api_listing_flags_subscriber_articles_and_holds_no_body(locked_article, free_article):
    response = api().get("/api/v1/articles/")

    items = {item["title"]: item for item in response.json()["items"]}
    assert LOCKED not in response.content.decode()
    assert items[locked_article.title]["access"] == "subscribers"
    assert items[locked_article.title]["badge"] == "Abonnés"
    assert items[free_article.title]["access"] == "free"
    assert items[free_article.title]["badge"] is None


def test_api_search_finds_a_subscriber_article_but_shows_its_standfirst_only(locked_article):
    response = api().get("/api/v1/search/", {"q": LOCKED_WORD})

    [item] = response.json()["items"]
    assert item["title"] == locked_article.title
    assert item["badge"] == "Abonnés"
    assert LOCKED not in response.content.decode()
    assert FIRST not in response.content.decode()
    assert "<mark>" not in item["snippet_html"]
    assert item["snippet_html"] == STANDFIRST


def test_api_search_marks_the_readers_words_in_a_subscriber_articles_standfirst(
    locked_article,
):
    response = api().get("/api/v1/search/", {"q": "concessions"})

    [item] = response.json()["items"]
    assert "<mark>concessions</mark>" in item["snippet_html"]
    assert LOCKED not in response.content.decode()


# Feeds.


@pytest.mark.parametrize("url", ["/rss/", "/atom/", "/rss/economie/", "/atom/economie/"])
def test_feeds_carry_no_locked_text_and_mark_subscriber_articles(
    client, locked_article, free_article, url
):
    response = client.get(url)
    feed = feedparser.parse(response.content)

    assert response.status_code == 200 and not feed.bozo
    assert LOCKED not in response.content.decode()
    assert "content:encoded" not in response.content.decode()
    entries = {entry.title: entry for entry in feed.entries}
    locked = entries[locked_article.title]
    assert locked.summary == STANDFIRST
    assert "Abonnés" in [tag.term for tag in locked.tags]
    if free_article.title in entries:
        assert "Abonnés" not in [tag.term for tag in entries[free_article.title].tags]


# The search page.


def test_search_page_shows_a_subscriber_articles_headline_standfirst_and_badge_only(
    client, locked_article
):
    html = client.get("/recherche/", {"q": LOCKED_WORD}).content.decode()

    assert locked_article.title in html
    assert STANDFIRST in html
    assert "badge--subscribers" in html and "Abonnés" in html
    assert LOCKED not in html
    assert FIRST not in html
    assert f"<mark>{LOCKED_WORD}</mark>" not in html


def test_search_page_still_shows_a_free_articles_words_in_its_text(client, free_article):
    html = client.get("/recherche/", {"q": "commencé"}).content.decode()

    assert "<mark>commencé</mark>" in html
    assert "badge--subscribers" not in html


# Structured data.


def test_teaser_page_tells_search_engines_the_article_is_for_subscribers(client, locked_article):
    response = client.get(locked_article.url)
    data = structured(client, locked_article.url)
    news = json_ld(data, "NewsArticle")

    assert LOCKED not in response.content.decode()
    assert 'class="paywall article__locked"' in response.content.decode()
    assert news["isAccessibleForFree"] is False
    assert news["hasPart"] == {
        "@type": "WebPageElement",
        "isAccessibleForFree": False,
        "cssSelector": ".article__locked",
    }
    assert "articleBody" not in news
    assert data["description"] == [STANDFIRST]
    assert open_graph(data)["og:description"] == [STANDFIRST]


def test_full_page_has_the_same_structured_data_and_marks_the_locked_part(
    client, locked_article, subscriber
):
    anonymous = json_ld(structured(client, locked_article.url), "NewsArticle")
    client.force_login(subscriber)
    response = client.get(locked_article.url)
    full = json_ld(structured(client, locked_article.url), "NewsArticle")

    assert LOCKED in response.content.decode()
    assert "article__body article__locked" in response.content.decode()
    assert full == anonymous


def test_crawlers_get_the_teaser_readers_get(client, locked_article):
    googlebot = client.get(
        locked_article.url,
        HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    )

    assert googlebot.status_code == 200
    assert LOCKED not in googlebot.content.decode()
    assert FIRST in googlebot.content.decode()


def test_free_article_is_accessible_for_free_without_a_locked_part(client, free_article):
    news = json_ld(structured(client, free_article.url), "NewsArticle")

    assert news["isAccessibleForFree"] is True
    assert "hasPart" not in news


# Other channels.


def test_news_sitemap_and_comments_page_hold_no_locked_text(client, locked_article):
    sitemap = client.get("/sitemap-news.xml")
    comments = client.get(f"{locked_article.url}commentaires/")

    assert sitemap.status_code == 200 and comments.status_code == 200
    assert locked_article.title in sitemap.content.decode()
    for response in (sitemap, comments):
        assert LOCKED not in response.content.decode()
        assert FIRST not in response.content.decode()
