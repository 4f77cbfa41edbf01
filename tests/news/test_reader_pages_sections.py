"""A section's page as a reader finds it: the live coverages going on in it pinned atop,
each with when it was last updated, and the section's feed, linked and found at the
address readers try."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify
from lxml import html as lxml_html

from quotidien.live.models import LiveEntry, LivePage
from quotidien.pagecache import pages

pytestmark = pytest.mark.django_db


def live_page(section, title: str, *, ended: bool = False) -> LivePage:
    page = LivePage(
        title=title,
        slug=slugify(title),
        standfirst="Les secours sont à pied d’œuvre.",
        coverage_started_at=timezone.now() - timedelta(days=1),
        coverage_ended_at=timezone.now() - timedelta(hours=1) if ended else None,
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


def post_entry(page: LivePage, *, age: timedelta) -> LiveEntry:
    return LiveEntry.objects.create(
        page=page,
        posted_at=timezone.now() - age,
        body=[("paragraph", "<p>Les routes de la vallée sont fermées.</p>")],
    )


def pinned(client, url: str) -> list[str]:
    """The "En direct" items atop the page at `url`, as their text reads."""
    document = lxml_html.fromstring(client.get(url).content.decode())
    return [
        " ".join(item.text_content().split())
        for item in document.xpath("//main//section[@aria-label='En direct']//li")
    ]


def shown_time(entry: LiveEntry) -> str:
    posted = timezone.localtime(entry.posted_at)
    return f"{posted.hour} h {posted.minute:02d}"


@pytest.fixture
def sections(make_section):
    world = make_section("Monde")
    return {"monde": world, "syrie": make_section("Syrie", parent=world)}


def test_live_coverage_going_on_is_pinned_atop_its_section_and_the_sections_above(
    client, sections, make_section
):
    quake = live_page(sections["syrie"], "Séisme près d’Alep")
    post_entry(quake, age=timedelta(hours=2))
    latest = post_entry(quake, age=timedelta(minutes=5))
    live_page(sections["syrie"], "Crue de l’Oronte", ended=True)
    live_page(make_section("Liban"), "Tempête sur la côte")

    for url in ("/monde/syrie/", "/monde/"):
        (item,) = pinned(client, url)
        assert item.startswith("En direct Séisme près d’Alep Mis à jour")
        assert item.endswith(shown_time(latest))
    assert pinned(client, "/liban/") == ["En direct Tempête sur la côte"]


def test_a_section_pinning_live_coverage_is_kept_a_minute_by_the_page_cache(
    settings, monkeypatch, sections, make_section
):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    # Noon, site time: a kept page also ends at midnight (it shows the day's date), which
    # the hour this test moves on must not cross, whenever the suite runs.
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    now = SimpleNamespace(value=noon.timestamp())
    monkeypatch.setattr(pages, "time", SimpleNamespace(time=lambda: now.value))
    quake = live_page(sections["syrie"], "Séisme près d’Alep")
    post_entry(quake, age=timedelta(minutes=30))
    make_section("Liban")
    assert pinned(Client(), "/monde/syrie/") and not pinned(Client(), "/liban/")

    latest = post_entry(quake, age=timedelta(minutes=1))
    now.value += 59
    assert Client().get("/monde/syrie/")["X-Page-Cache"] == "hit"
    now.value += 2
    (item,) = pinned(Client(), "/monde/syrie/")
    assert item.endswith(shown_time(latest))
    # Without live coverage, a section stays kept until something is published.
    now.value += 3600
    assert Client().get("/liban/")["X-Page-Cache"] == "hit"


def test_a_section_links_its_feed_and_its_rss_address_leads_there(client, sections, make_article):
    document = lxml_html.fromstring(client.get("/monde/syrie/").content.decode())

    (link,) = document.xpath("//main//a[@type='application/rss+xml']")
    assert " ".join(link.text_content().split()) == "La rubrique Syrie en RSS"
    assert link.get("href") == "/rss/monde/syrie/"
    assert client.get("/rss/monde/syrie/").status_code == 200
    moved = client.get("/monde/syrie/rss/")
    assert (moved.status_code, moved["Location"]) == (301, "/rss/monde/syrie/")
    assert client.get("/monde/syrie/rss/autre/").status_code == 404


def test_an_article_slugged_rss_keeps_its_address(client, sections, make_article):
    make_article(sections["monde"], "RSS : les flux d’actualité ont vingt-cinq ans", slug="rss")

    page = client.get("/monde/rss/")

    assert page.status_code == 200
    assert "RSS : les flux d’actualité ont vingt-cinq ans" in page.content.decode()
