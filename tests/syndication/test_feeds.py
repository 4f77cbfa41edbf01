"""RSS and Atom feeds of the paper and of each section, as feed readers parse them."""

import calendar
from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from quotidien.links import page_url
from tests.renditions import MAKE_MISSING
from tests.syndication.paper import BEIRUT_URL, SITE_URL, make_photo

pytestmark = pytest.mark.django_db

FEEDS = {"rss": "rss20", "atom": "atom10"}


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    return response, feed


def timestamp(parsed) -> int:
    return calendar.timegm(parsed)


@pytest.mark.parametrize("kind", FEEDS)
def test_site_feed_lists_live_articles_newest_first_with_their_details(client, paper, kind):
    response, feed = parse(client, f"/{kind}/")

    assert feed.version == FEEDS[kind]
    assert feed.encoding == "utf-8"
    assert "charset=utf-8" in response["Content-Type"]
    assert feed.feed.language == "fr"
    assert feed.feed.link == f"{SITE_URL}/"
    assert [entry.title for entry in feed.entries] == [a.title for a in paper["live"]]
    assert [entry.link for entry in feed.entries] == [page_url(a) for a in paper["live"]]

    convoys = paper["convoys"]
    entry = feed.entries[0]
    assert entry.summary == convoys.standfirst
    assert timestamp(entry.published_parsed) == int(convoys.first_published_at.timestamp())
    assert timestamp(entry.updated_parsed) == int(convoys.last_published_at.timestamp())
    assert entry.author == "Karim Haddad, Nadia Khoury et ALP"
    assert [tag.term for tag in entry.tags] == ["Monde", "Syrie", "Réfugiés", "Frontière"]
    assert entry.id.startswith("tag:journal.example,")


@pytest.mark.parametrize("kind", FEEDS)
def test_feed_keeps_accents_and_arabic_intact(client, paper, kind):
    _response, feed = parse(client, f"/{kind}/")
    entries = {entry.title: entry for entry in feed.entries}

    beirut = entries["بيروت تستعد لمهرجان الربيع"]
    assert beirut.summary == paper["beirut"].standfirst
    assert beirut.link == BEIRUT_URL
    assert "Électricité : les coupures s’allongent à Beyrouth" in entries
    assert [tag.term for tag in beirut.tags] == ["العالم العربي"]


@pytest.mark.parametrize("kind", FEEDS)
def test_lead_photo_is_an_enclosure_and_a_media_element_with_its_size(client, paper, kind):
    # Its renditions made, as the worker makes them once the article is published.
    MAKE_MISSING(paper["convoys"].lead_image)
    _response, feed = parse(client, f"/{kind}/")
    entry = feed.entries[0]

    [enclosure] = entry.enclosures
    assert enclosure.href.startswith(f"{SITE_URL}/media/images/")
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) > 1000
    [media] = entry.media_content
    assert media["url"] == enclosure.href
    assert (media["width"], media["height"]) == ("1200", "675")
    assert entry.media_credit[0]["content"] == "ALP / Sami Frem"
    assert "enclosures" not in feed.entries[1] or not feed.entries[1].enclosures


def test_section_feed_lists_its_articles_and_those_of_its_subsections(client, paper):
    _response, world = parse(client, "/rss/monde/")
    _response, syria = parse(client, "/atom/monde/syrie/")

    assert [entry.title for entry in world.entries] == [
        paper["convoys"].title,
        paper["water"].title,
    ]
    assert world.feed.link == page_url(paper["world"])
    assert world.feed.title == "Monde | Quotidien"
    assert [entry.title for entry in syria.entries] == [paper["convoys"].title]
    assert syria.feed.links[-1].href == f"{SITE_URL}/atom/monde/syrie/"


def test_drafts_and_withdrawn_articles_stay_out_of_feeds(client, paper):
    _response, feed = parse(client, "/rss/")
    _response, lebanon = parse(client, "/rss/liban/")

    titles = {entry.title for entry in feed.entries + lebanon.entries}
    assert paper["draft"].title not in titles
    assert paper["withdrawn"].title not in titles


def test_feed_lists_the_fifty_latest_articles(client, paper, make_article):
    for number in range(52):
        make_article(paper["lebanon"], f"Dépêche {number}", age=timedelta(minutes=number + 1))

    _response, feed = parse(client, "/rss/")

    assert len(feed.entries) == 50
    assert [entry.title for entry in feed.entries] == [f"Dépêche {n}" for n in range(50)]


def test_feed_costs_the_same_queries_whatever_the_number_of_articles(client, paper, make_article):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            parse(client, "/rss/")
        return len(captured)

    queries()  # content types, site roots and renditions are ready after the first request
    few = queries()
    authors = list(paper["convoys"].authors.all())
    for number in range(6):
        article = make_article(
            paper["world"],
            f"Reportage {number}",
            lead_image=make_photo(f"reportage-{number}", f"Légende {number}", "ALP"),
            agency=paper["convoys"].agency,
            tags=[f"Sujet {number}", "Région"],
        )
        article.authors.set(authors)
        article.save()
    queries()

    _response, feed = parse(client, "/rss/")
    assert len(feed.entries) == len(paper["live"]) + 6
    assert queries() == few


@pytest.mark.parametrize(
    "url", ["/rss/sport/", "/atom/monde/inconnue/", "/rss/monde/syrie/extra/", "/rss/sujet/"]
)
def test_feed_of_an_unknown_section_is_a_404_in_french(client, paper, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_feed_of_an_article_is_not_a_section_feed(client, paper):
    path = page_url(paper["convoys"]).removeprefix(SITE_URL).strip("/")

    assert client.get(f"/rss/{path}/").status_code == 404


def test_feed_answers_304_until_an_article_is_published(client, paper, make_article):
    first = client.get("/rss/")
    last_modified, etag = first["Last-Modified"], first["ETag"]

    assert "max-age=" in first["Cache-Control"]
    assert client.get("/rss/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get("/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/rss/", HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200

    make_article(paper["lebanon"], "Dernière minute", age=timedelta(seconds=0))

    again = client.get("/rss/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert "Dernière minute" in again.content.decode()


def test_feed_changes_when_an_article_is_withdrawn(client, paper):
    etag = client.get("/atom/liban/")["ETag"]

    paper["power"].unpublish()

    response = client.get("/atom/liban/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert paper["power"].title not in response.content.decode()


@pytest.mark.parametrize(
    ("url", "feeds"),
    [
        ("/", ["/rss/", "/atom/"]),
        ("/monde/syrie/", ["/rss/", "/atom/", "/rss/monde/syrie/", "/atom/monde/syrie/"]),
    ],
)
def test_pages_advertise_their_feeds_in_the_head(client, paper, url, feeds):
    html = client.get(url).content.decode()
    head = html[: html.index("</head>")]

    for feed in feeds:
        kind = "atom" if "atom" in feed else "rss"
        assert f'type="application/{kind}+xml"' in head
        assert f'href="{SITE_URL}{feed}"' in head
        assert client.get(feed).status_code == 200


def test_article_page_advertises_the_feed_of_its_section(client, paper):
    html = client.get(paper["convoys"].url).content.decode()

    assert f'href="{SITE_URL}/rss/monde/syrie/"' in html[: html.index("</head>")]
