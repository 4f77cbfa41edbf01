"""Sitemap index, archive sitemaps in chunks, the Google News sitemap and robots.txt."""

from datetime import datetime, timedelta

import pytest
from django.contrib.sitemaps import Sitemap
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from quotidien.demo.corpus import generate_corpus
from quotidien.links import page_url
from quotidien.news.models import ArticlePage
from quotidien.syndication.sitemaps import ArticleSitemap
from tests.syndication.paper import BEIRUT_URL, SITE_URL

pytestmark = pytest.mark.django_db

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"s": SITEMAP_NS, "news": NEWS_NS}


def xml(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def path_of(url: str) -> str:
    assert url.startswith(SITE_URL), url
    return url.removeprefix(SITE_URL)


def locations(root) -> list[str]:
    return root.xpath("//s:url/s:loc/text()", namespaces=NS)


def index_entries(client) -> list[str]:
    index = xml(client, "/sitemap.xml")
    assert index.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    return index.xpath("//s:sitemap/s:loc/text()", namespaces=NS)


def every_article_url(client) -> list[str]:
    urls = []
    for entry in index_entries(client):
        if "sitemap-articles.xml" in entry:
            urls += locations(xml(client, path_of(entry)))
    return urls


def test_sitemap_index_lists_each_section_with_its_last_change(client, paper):
    index = xml(client, "/sitemap.xml")

    entries = index.xpath("//s:sitemap", namespaces=NS)
    assert [entry.findtext("s:loc", namespaces=NS) for entry in entries] == [
        f"{SITE_URL}/sitemap-rubriques.xml",
        f"{SITE_URL}/sitemap-auteurs.xml",
        f"{SITE_URL}/sitemap-articles.xml",
    ]
    lastmod = datetime.fromisoformat(entries[-1].findtext("s:lastmod", namespaces=NS))
    assert lastmod == paper["convoys"].last_published_at


def test_article_sitemap_lists_only_published_articles_with_lastmod(client, paper):
    urlset = xml(client, "/sitemap-articles.xml")

    assert urlset.tag == f"{{{SITEMAP_NS}}}urlset"
    assert sorted(locations(urlset)) == sorted(page_url(a) for a in paper["live"])
    for url in urlset.xpath("//s:url", namespaces=NS):
        assert url.findtext("s:lastmod", namespaces=NS)
    convoys = urlset.xpath(f"//s:url[s:loc='{page_url(paper['convoys'])}']", namespaces=NS)[0]
    lastmod = datetime.fromisoformat(convoys.findtext("s:lastmod", namespaces=NS))
    assert lastmod == paper["convoys"].last_published_at


def test_sections_sitemap_lists_the_front_page_and_the_sections(client, paper):
    urls = locations(xml(client, "/sitemap-rubriques.xml"))

    assert sorted(urls) == sorted(
        [f"{SITE_URL}/", f"{SITE_URL}/liban/", f"{SITE_URL}/monde/", f"{SITE_URL}/monde/syrie/"]
        + [f"{SITE_URL}/monde-arabe/"]
    )


def test_arabic_slugs_are_percent_encoded_in_sitemaps(client, paper):
    urls = locations(xml(client, "/sitemap-articles.xml"))

    assert BEIRUT_URL in urls
    assert all(url.isascii() for url in urls)


def test_default_chunk_is_the_protocols_maximum_of_50000_urls():
    assert Sitemap.limit == ArticleSitemap.limit == 50_000


def test_archive_is_split_in_chunks_that_together_list_every_article_once(
    client, home, monkeypatch
):
    generate_corpus(articles=230, batch_size=100)
    # With the module's small paper, when an earlier test made it.
    total = ArticlePage.objects.live().count()
    monkeypatch.setattr(ArticleSitemap, "limit", 50)

    entries = [entry for entry in index_entries(client) if "articles" in entry]
    assert entries == [f"{SITE_URL}/sitemap-articles.xml"] + [
        f"{SITE_URL}/sitemap-articles.xml?p={page}" for page in range(2, 6)
    ]
    chunks = [locations(xml(client, path_of(entry))) for entry in entries]
    assert [len(chunk) for chunk in chunks] == [50, 50, 50, 50, total - 200]
    urls = [url for chunk in chunks for url in chunk]
    assert len(set(urls)) == total
    assert sorted(urls) == sorted(page_url(a) for a in ArticlePage.objects.live())


@pytest.mark.parametrize(
    "page", ["0", "3", "-1", "abc", "1.5", "", "²", "١", "99999999999999999999"]
)
def test_sitemap_page_out_of_range_is_a_404(client, paper, monkeypatch, page):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    assert client.get("/sitemap-articles.xml?p=2").status_code == 200

    response = client.get(f"/sitemap-articles.xml?p={page}")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_unknown_sitemap_is_a_404(client, paper):
    assert client.get("/sitemap-photos.xml").status_code == 404


def test_sitemap_chunk_costs_the_same_queries_whatever_the_archive_size(client, home, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 100)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap-articles.xml").status_code == 200
        return len(captured)

    generate_corpus(articles=20, batch_size=20)
    queries()  # content types and site roots are cached after the first request
    small = queries()
    generate_corpus(articles=200, seed=1, batch_size=100)
    assert queries() == small


def test_news_sitemap_lists_articles_of_the_last_48_hours(client, paper):
    urlset = xml(client, "/sitemap-news.xml")

    assert urlset.nsmap == {None: SITEMAP_NS, "news": NEWS_NS}
    urls = urlset.xpath("//s:url", namespaces=NS)
    assert [url.findtext("s:loc", namespaces=NS) for url in urls] == [
        page_url(paper["convoys"]),
        page_url(paper["power"]),
        page_url(paper["beirut"]),
    ]
    news = urls[0].find("news:news", namespaces=NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Quotidien"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "fr"
    assert news.findtext("news:title", namespaces=NS) == paper["convoys"].title
    published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert published == paper["convoys"].first_published_at
    titles = urlset.xpath("//news:title/text()", namespaces=NS)
    assert "بيروت تستعد لمهرجان الربيع" in titles
    assert paper["water"].title not in titles


def test_news_sitemap_changes_when_an_article_leaves_its_window(client, paper, monkeypatch):
    now = timezone.now()
    ArticlePage.objects.filter(pk=paper["beirut"].pk).update(
        first_published_at=now - timedelta(hours=47)
    )
    etag = client.get("/sitemap-news.xml")["ETag"]
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=2))

    response = client.get("/sitemap-news.xml", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "بيروت" not in response.content.decode()
    assert paper["convoys"].title in response.content.decode()


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-news.xml"])
def test_sitemaps_answer_304_to_a_conditional_request(client, paper, url):
    first = client.get(url)

    assert first["Last-Modified"] and first["ETag"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_sitemaps_change_when_an_article_is_withdrawn(client, paper):
    etag = client.get("/sitemap-articles.xml")["ETag"]

    paper["power"].unpublish()

    response = client.get("/sitemap-articles.xml", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert page_url(paper["power"]) not in response.content.decode()


def test_robots_txt_points_at_both_sitemaps(client, paper):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in lines
    assert f"Sitemap: {SITE_URL}/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines
