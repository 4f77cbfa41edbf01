"""Live pages go out like articles: JSON-LD, feeds, the sitemaps and the news sitemap."""

import re
from datetime import UTC, datetime, timedelta

import extruct
import feedparser
import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from quotidien.links import page_url
from quotidien.live.models import LiveEntry, LivePage
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


def _sole_entry_changed(page, *, after: timedelta) -> LiveEntry:
    """The page published two hours ago with one entry, posted an hour ago and saved
    again `after` it was written."""
    now = timezone.now()
    LivePage.objects.filter(pk=page.pk).update(last_published_at=now - timedelta(hours=2))
    page.entries.all().delete()
    entry = post_entry(page, title="Le vent faiblit", age=timedelta(hours=1))
    LiveEntry.objects.filter(pk=entry.pk).update(
        created_at=entry.posted_at, updated_at=entry.posted_at + after
    )
    entry.refresh_from_db()
    return entry


def _lastmod(moment) -> str:
    return f"<lastmod>{moment.astimezone(UTC):%Y-%m-%dT%H:%M:%S}"


def test_an_entry_changed_later_dates_the_live_page_in_its_sitemap(client, live):
    entry = _sole_entry_changed(live["page"], after=timedelta(minutes=40))

    own = client.get("/sitemap-directs.xml").content.decode()
    index = client.get("/sitemap.xml").content.decode()

    assert entry.edited_at == entry.updated_at  # « Entrée modifiée le … » on the page
    assert _lastmod(entry.updated_at) in own
    listed = re.search(r"sitemap-directs\.xml</loc><lastmod>([^<]+)</lastmod>", index)
    assert datetime.fromisoformat(listed.group(1)) == entry.updated_at


def test_an_entry_changed_later_dates_the_live_page_in_the_feeds(client, live):
    page = live["page"]
    entry = _sole_entry_changed(page, after=timedelta(minutes=40))

    feed = feedparser.parse(client.get("/atom/liban/").content)

    [item] = [item for item in feed.entries if item.title == page.title]
    updated = datetime(*item.updated_parsed[:6], tzinfo=UTC)
    assert abs(updated - entry.updated_at) < timedelta(seconds=1)


def test_an_entry_fixed_in_its_first_minutes_leaves_the_date_of_its_posting(client, live):
    entry = _sole_entry_changed(live["page"], after=timedelta(minutes=1))

    own = client.get("/sitemap-directs.xml").content.decode()

    assert entry.edited_at is None
    assert _lastmod(entry.posted_at) in own


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
