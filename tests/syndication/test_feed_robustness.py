"""One article with characters XML cannot carry makes no feed or sitemap fail.

Such characters are cleaned when text comes in, but rows stored before (or written by other
means) may still hold them: they are inserted here straight into the database.
"""

import feedparser
import pytest
from django.db import connection
from lxml import etree
from taggit.models import Tag

from quotidien.news.models import ArticlePage, Author, NewsImage, SectionPage

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
FEEDS = ["/rss/", "/atom/", "/rss/monde/", "/atom/monde/syrie/"]
# ESC, form feed, a C1 control and a noncharacter; NUL too where the database stores it.
BAD = "\x1b\x0c\x85\ufffe" + ("\x00" if connection.vendor == "sqlite" else "")


@pytest.fixture
def poisoned(paper):
    """The convoys article, its byline, tags, section and photo, each with bad characters."""
    convoys = paper["convoys"]
    ArticlePage.objects.filter(pk=convoys.pk).update(
        title=f"Les premiers convois{BAD} franchissent la frontière",
        standfirst=f"Plusieurs centaines{BAD} de familles.",
    )
    Author.objects.filter(name="Nadia Khoury").update(name=f"Nadia{BAD} Khoury")
    Tag.objects.filter(name="Réfugiés").update(name=f"Réfugiés{BAD}")
    SectionPage.objects.filter(pk=paper["syria"].pk).update(title=f"Syrie{BAD}")
    NewsImage.objects.filter(pk=convoys.lead_image_id).update(
        caption=f"Des familles{BAD}.", credit=f"ALP{BAD}"
    )
    return convoys


@pytest.mark.parametrize("url", FEEDS)
def test_a_feed_stays_readable_when_an_article_holds_control_characters(client, poisoned, url):
    response = client.get(url)

    assert response.status_code == 200, url
    etree.fromstring(response.content)  # strict XML 1.0: raises on any bad character
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [entry.title for entry in feed.entries]
    assert "Les premiers convois franchissent la frontière" in titles


def test_feed_entry_keeps_its_details_without_the_bad_characters(client, poisoned):
    feed = feedparser.parse(client.get("/rss/").content)

    [entry] = [e for e in feed.entries if e.title.startswith("Les premiers convois")]
    assert entry.summary == "Plusieurs centaines de familles."
    assert entry.author == "Karim Haddad, Nadia Khoury et ALP"
    assert "Réfugiés" in [tag.term for tag in entry.tags]
    assert "Syrie" in [tag.term for tag in entry.tags]
    assert entry.media_content and entry.media_credit[0]["content"] == "ALP"


def test_news_sitemap_stays_valid_xml_when_a_headline_holds_control_characters(client, poisoned):
    response = client.get("/sitemap-news.xml")

    assert response.status_code == 200
    urlset = etree.fromstring(response.content)
    titles = urlset.xpath("//news:title/text()", namespaces=NS)
    assert "Les premiers convois franchissent la frontière" in titles


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-rubriques.xml"])
def test_archive_sitemaps_stay_valid_xml(client, poisoned, url):
    response = client.get(url)

    assert response.status_code == 200
    etree.fromstring(response.content)
