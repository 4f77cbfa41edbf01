"""Live pages go out like articles: JSON-LD, feeds, the sitemaps and the news sitemap."""

from datetime import UTC, datetime, timedelta

import extruct
import feedparser
import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from quotidien.links import page_url
from tests.live.conftest import post_entry
from tests.syndication.paper import SITE_URL

pytestmark = pytest.mark.django_db


def test_live_page_is_a_live_blog_posting_with_its_entries(client, live):
    page = live["page"]
    html = client.get(page.url).content.decode()

    data = extruct.extract(html, base_url=SITE_URL, syntaxes=["json-ld"])["json-ld"]

    [posting] = [item for item in data if item["@type"] == "LiveBlogPosting"]
    url = page_url(page)
    assert posting["headline"] == page.title and posting["url"] == url
    assert posting["coverageStartTime"] == timezone.localtime(page.first_published_at).isoformat()
    assert "coverageEndTime" not in posting
    assert posting["publisher"]["@type"] == "NewsMediaOrganization"
    assert posting["image"][0]["creditText"] == "Quotidien / Rami Azar"
    updates = posting["liveBlogUpdate"]
    assert [update["@type"] for update in updates] == ["BlogPosting"] * 5
    assert updates[0]["headline"] == "Évacuation de trois hameaux"  # the key entry first
    assert updates[0]["articleBody"] == "La Défense civile évacue les hameaux."
    assert updates[1]["articleBody"] == (
        "Lire aussi : Les pompiers volontaires du Chouf manquent de tout"
    )
    quote = next(u for u in updates if u["articleBody"].startswith("«"))
    assert quote["articleBody"] == "« Le vent tourne, il faut partir. » — un pompier"
    assert all(update["url"].startswith(f"{url}#entree-") for update in updates)
    assert all(update["datePublished"] for update in updates)


def test_live_page_is_in_the_feeds_dated_by_its_newest_entry(client, live):
    page = live["page"]
    # Later than the page's publication, by more than the precision of the check.
    entry = post_entry(page, title="Le vent faiblit", age=timedelta(minutes=-1))

    paper = feedparser.parse(client.get("/rss/").content)
    section = feedparser.parse(client.get("/atom/liban/").content)

    [item] = [item for item in paper.entries if item.title == page.title]
    assert item.link == page_url(page)
    assert item.summary == page.standfirst
    assert "En direct" in [tag.term for tag in item.tags]
    assert page.title in [item.title for item in section.entries]
    [atom_item] = [item for item in section.entries if item.title == page.title]
    updated = datetime(*atom_item.updated_parsed[:6], tzinfo=UTC)
    assert abs(updated - entry.posted_at) < timedelta(seconds=1)


def test_live_page_is_in_the_news_sitemap_and_its_own_sitemap(client, live):
    page = live["page"]
    entry = post_entry(page, title="Le vent faiblit", age=timedelta(minutes=-1))

    news = client.get("/sitemap-news.xml").content.decode()
    index = client.get("/sitemap.xml").content.decode()
    own = client.get("/sitemap-directs.xml").content.decode()

    assert f"<loc>{page_url(page)}</loc>" in news and f"<news:title>{page.title}" in news
    assert f"{SITE_URL}/sitemap-directs.xml" in index
    assert f"<loc>{page_url(page)}</loc>" in own
    assert f"<lastmod>{entry.posted_at.astimezone(UTC):%Y-%m-%dT%H:%M:%S}" in own


def test_an_entry_names_no_article_readers_cannot_open(client, live):
    linked = next(
        block.value["article"]
        for entry in live["page"].entries.all()
        for block in entry.body
        if block.block_type == "read_also"
    )
    PageViewRestriction.objects.create(page=linked, restriction_type=PageViewRestriction.LOGIN)

    html = client.get(live["page"].url).content.decode()

    assert linked.title not in html
