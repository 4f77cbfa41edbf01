"""The front page: the editors' hierarchy, the opinion strip, section blocks, "En continu",
"Les plus lus" counted on the server, and how long the page cache keeps it."""

import itertools
import re
import tomllib
from datetime import datetime, time, timedelta
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quotidien.audience import counting
from quotidien.demo.frontpage import FRONT_PAGE, arrange_front_page
from quotidien.demo.loader import read_content
from quotidien.demo.photos import photo_jpeg
from quotidien.news.images import NewsImage
from quotidien.news.models import (
    ArticleRelatedLink,
    Author,
    HomePageSection,
    HomePageTopStory,
)
from quotidien.pagecache import reads
from tests.html_validation import validate_html

pytestmark = pytest.mark.django_db

BROWSER = {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"}


def photo(name):
    image = NewsImage(title=name, caption=f"Légende {name}", credit="ALP / Sami Frem")
    image.file = ImageFile(BytesIO(photo_jpeg(name)), name=f"{name}.jpg")
    image.save()
    return image


def arrange(home, *, stories=(), sections=(), opinion=None):
    for order, article in enumerate(stories):
        home.top_stories.add(HomePageTopStory(article=article, sort_order=order))
    for order, (section, count) in enumerate(sections):
        home.section_blocks.add(HomePageSection(section=section, count=count, sort_order=order))
    home.opinion_section = opinion
    home.save_revision().publish()


def front(client=None) -> str:
    reads.forget()
    return (client or Client()).get("/").content.decode()


def between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def titles(html: str, css_class: str) -> list[str]:
    """Headlines of the cards of `css_class`, in the page's order."""
    cards = re.findall(r'<article class="card ([^"]*)">(.*?)</article>', html, re.S)
    return [
        re.search(r'class="card__title"><a [^>]*>([^<]+)<', card)[1]
        for classes, card in cards
        if css_class in classes.split()
    ]


@pytest.mark.usefixtures("renditions")
def test_first_top_story_leads_then_secondary_cards_then_headlines(
    home, make_section, make_article
):
    lebanon = make_section("Liban")
    stories = [
        make_article(lebanon, f"Une {n}", lead_image=photo(f"une-{n}"), age=timedelta(hours=n))
        for n in range(7)
    ]
    arrange(home, stories=[stories[3], *stories[:3], *stories[4:]])

    html = front()

    assert titles(html, "card--lead") == ["Une 3"]
    assert titles(html, "card--secondary") == ["Une 0", "Une 1", "Une 2", "Une 4"]
    briefs = between(html, 'class="front__briefs"', "</ul>")
    assert titles(briefs, "card--text") == ["Une 5", "Une 6"]
    assert "<img" not in briefs
    assert 'loading="eager"' in between(html, "card--lead", "</article>")


def test_lead_story_shows_its_editors_read_also_picks(home, make_section, make_article):
    lebanon = make_section("Liban")
    lead = make_article(lebanon, "Le budget adopté")
    picks = [make_article(lebanon, title) for title in ("Les députés divisés", "Ce que dit la loi")]
    make_article(lebanon, "Sans rapport")
    for order, pick in enumerate(picks):
        lead.related_links.add(ArticleRelatedLink(article=pick, sort_order=order))
    lead.save_revision().publish()
    arrange(home, stories=[lead])

    links = between(front(), 'class="lead-links"', "</nav>")

    assert re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', links) == [
        "Les députés divisés",
        "Ce que dit la loi",
    ]


def lead_links(html: str) -> list[str]:
    links = between(html, 'class="lead-links"', "</nav>")
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', links)


def top_area_titles(html: str) -> list[str]:
    """Every headline of the top area as a reader sees it: cards and the lead's links."""
    top = between(html, 'class="front__top"', "</section>")
    return [*titles(top, "card"), *lead_links(top)]


def test_lead_story_links_leave_out_the_stories_the_front_page_shows(
    home, make_section, make_article
):
    lebanon, opinion = make_section("Liban"), make_section("Opinion")
    lead = make_article(lebanon, "Le port rouvre", tags=["Port"])
    make_article(opinion, "Tribune sur le port", tags=["Port"])
    others = [
        make_article(lebanon, f"Port {n}", tags=["Port"], age=timedelta(hours=n + 2))
        for n in range(8)
    ]
    # Top stories and the opinion strip's piece share the lead's tag and are newer than
    # the articles left off the page.
    arrange(home, stories=[lead, *others[:6]], opinion=opinion)

    html = front()

    assert lead_links(html) == ["Port 6", "Port 7"]
    top = top_area_titles(html)
    assert len(top) == len(set(top)), top
    assert "Tribune sur le port" in between(html, 'class="opinion-strip"', "</ul>")


def test_editors_picks_for_the_lead_stay_as_chosen(home, make_section, make_article):
    lebanon = make_section("Liban")
    lead = make_article(lebanon, "Le budget adopté")
    pick = make_article(lebanon, "Les députés divisés")
    lead.related_links.add(ArticleRelatedLink(article=pick, sort_order=0))
    lead.save_revision().publish()
    arrange(home, stories=[lead, pick])

    html = front()

    assert lead_links(html) == ["Les députés divisés"]
    assert titles(html, "card--secondary") == ["Les députés divisés"]


@pytest.mark.usefixtures("renditions")
def test_opinion_strip_shows_each_authors_photo_name_and_headline(home, make_section, make_article):
    opinion = make_section("Opinion")
    author = Author.objects.create(name="Élias Najjar", slug="elias-najjar", photo=photo("najjar"))
    article = make_article(opinion, "Le courage de la patience")
    article.authors.set([author])
    article.save_revision().publish()
    arrange(home, opinion=opinion)
    front()  # the first view asks for the portrait's renditions

    html = front()
    strip = between(html, 'class="opinion-strip"', "</ul>")

    assert "Élias Najjar" in strip and "Le courage de la patience" in strip
    assert "<img" in between(strip, "opinion__portrait", "</span>")
    assert 'id="rubrique-opinion"' not in html, "the opinion section has no block of its own"


def test_section_blocks_follow_the_editors_order_and_counts(home, make_section, make_article):
    sport, culture, lebanon = make_section("Sport"), make_section("Culture"), make_section("Liban")
    for n in range(4):
        make_article(sport, f"Sport {n}", age=timedelta(hours=n + 1))
        make_article(culture, f"Culture {n}", age=timedelta(hours=n + 1))
    make_article(lebanon, "Liban 0")
    arrange(home, sections=[(culture, 2), (sport, 3)])

    html = front()
    headings = re.findall(r'<h2 id="rubrique-([\w-]+)"', html)
    culture_block = between(html, 'id="rubrique-culture"', "</section>")

    assert headings == ["culture", "sport"]
    assert re.findall(r">(Culture \d)<", culture_block) == ["Culture 0", "Culture 1"]
    sport_block = between(html, 'id="rubrique-sport"', "</section>")
    assert re.findall(r">(Sport \d)<", sport_block) == ["Sport 0", "Sport 1", "Sport 2"]
    assert "Liban 0" in between(html, 'id="en-continu"', "</section>")


def test_without_chosen_blocks_every_top_section_but_the_opinions_has_one(
    home, make_section, make_article
):
    for title in ("Liban", "Opinion", "Monde"):
        make_article(make_section(title), f"Dernier de {title}")
    opinion = home.get_children().get(slug="opinion").specific
    arrange(home, opinion=opinion)

    headings = re.findall(r'<h2 id="rubrique-([\w-]+)"', front())

    assert headings == ["liban", "monde"]


def test_en_continu_gives_the_time_today_then_hier_then_the_date(home, make_section, make_article):
    lebanon = make_section("Liban")
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time()))
    make_article(lebanon, "Ce matin", age=timezone.now() - (midnight + timedelta(seconds=30)))
    make_article(lebanon, "La veille", age=timezone.now() - (midnight - timedelta(hours=2)))
    week_ago = timezone.localtime(midnight - timedelta(days=6, hours=12))
    make_article(lebanon, "Il y a une semaine", age=timezone.now() - week_ago)

    latest = between(front(), 'id="en-continu"', "</section>")
    times = re.findall(r'class="timeline__time"[^>]*>([^<]+)</time>\s*<a[^>]*>([^<]+)<', latest)

    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"]
    months += ["septembre", "octobre", "novembre", "décembre"]
    day = "1er" if week_ago.day == 1 else str(week_ago.day)  # as French writes the first
    assert times == [
        ("0 h 00", "Ce matin"),
        ("hier", "La veille"),
        (f"{day} {months[week_ago.month - 1]}", "Il y a une semaine"),
    ]


_readers = itertools.count(1)


def read(article, times: int) -> None:
    """`times` readers read the article, each from an address of their own: one reader
    counts once an hour."""
    for _ in range(times):
        n = next(_readers)
        reader = Client(REMOTE_ADDR=f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}")
        assert reader.get(article.url, headers=BROWSER).status_code == 200


def test_les_plus_lus_ranks_the_articles_read_most(home, make_section, make_article):
    lebanon = make_section("Liban")
    quiet, popular, middling = (make_article(lebanon, t) for t in ("Calme", "Couru", "Moyen"))
    read(quiet, 1), read(popular, 5), read(middling, 3)
    counting.views.flush()

    most_read = between(front(), 'id="les-plus-lus"', "</section>")

    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', most_read) == ["Couru", "Moyen", "Calme"]


def test_views_older_than_24_hours_do_not_count(home, make_section, make_article):
    lebanon = make_section("Liban")
    yesterday, today = make_article(lebanon, "Hier"), make_article(lebanon, "Aujourd’hui")
    hour = int(timezone.now().timestamp() // 3600)
    counting.counts.add_views({(yesterday.pk, hour - 24): 50, (today.pk, hour - 23): 2})

    most_read = between(front(), 'id="les-plus-lus"', "</section>")

    assert "Aujourd’hui" in most_read and "Hier" not in most_read


def test_reading_articles_writes_nothing_to_the_database(
    home, make_section, make_article, monkeypatch
):
    lebanon = make_section("Liban")
    articles = [make_article(lebanon) for _ in range(3)]
    for article in articles:
        read(article, 1)  # the first view of a page gets its version tokens
    monkeypatch.setattr(counting, "FLUSH_SECONDS", 3600)
    counting.views.flush()

    with CaptureQueriesContext(connection) as queries:
        for article in articles * 10:
            read(article, 1)

    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert sum(counting.views.pending().values()) == 30


def test_views_are_written_once_the_flush_interval_has_passed(
    home, make_section, make_article, monkeypatch
):
    article = make_article(make_section("Liban"))
    counting.views.flush()
    monkeypatch.setattr(counting, "FLUSH_SECONDS", 0)

    with CaptureQueriesContext(connection) as queries:
        read(article, 1)

    assert [q for q in queries if "INSERT" in q["sql"] and "audience" in q["sql"]]
    assert counting.views.pending() == {}


def test_bots_head_requests_and_comment_pages_are_not_counted(home, make_section, make_article):
    article = make_article(make_section("Liban"))
    counting.views.flush()

    Client().get(article.url, headers={"user-agent": "Googlebot/2.1"})
    Client().get(article.url)
    Client().head(article.url, headers=BROWSER)
    Client().get(article.url + "commentaires/", headers=BROWSER)
    Client().get("/", headers=BROWSER)

    assert counting.views.pending() == {}


def test_front_page_query_count_does_not_grow_with_the_archive(home, make_section, make_article):
    lebanon, opinion = make_section("Liban"), make_section("Opinion")
    author = Author.objects.create(name="Élias Najjar", slug="elias-najjar", photo=photo("najjar"))

    def grow(count):
        made = []
        for n in range(count):
            article = make_article(lebanon, lead_image=photo(f"grow-{count}-{n}"), tags=["Budget"])
            made.append(article)
            piece = make_article(opinion)
            piece.authors.set([author])
            piece.save_revision().publish()
        return made

    def count_queries():
        front()  # pictures are rendered on the first view
        reads.forget()  # past the page cache and the reads it keeps
        with CaptureQueriesContext(connection) as queries:
            Client().get("/")
        return len(queries)

    # Enough articles that the lead's links, which leave out the top stories, and the
    # section block show as many as with a larger archive.
    small = grow(6)
    arrange(home, stories=small[:2], opinion=opinion)
    before = count_queries()
    large = grow(12)
    for order, article in enumerate(large[:6], start=2):
        home.top_stories.add(HomePageTopStory(article=article, sort_order=order))
    home.save_revision().publish()

    assert count_queries() == before


@pytest.mark.html_checker
def test_arranged_front_page_is_valid_html(home, make_section, make_article):
    lebanon, opinion = make_section("Liban"), make_section("Opinion")
    author = Author.objects.create(name="Élias Najjar", slug="elias-najjar", photo=photo("najjar"))
    stories = [make_article(lebanon, lead_image=photo(f"valid-{n}")) for n in range(7)]
    stories[0].related_links.add(ArticleRelatedLink(article=stories[1], sort_order=0))
    stories[0].save_revision().publish()
    piece = make_article(opinion, "Une tribune « engagée » !")
    piece.authors.set([author])
    piece.save_revision().publish()
    arrange(home, stories=stories, sections=[(lebanon, 3)], opinion=opinion)
    read(stories[2], 2)
    counting.views.flush()
    front()

    assert validate_html({"accueil": front()}) == {"accueil": []}


def test_demo_arrangement_names_free_articles_and_sections_of_the_demo():
    newsroom, articles = read_content()
    plan = tomllib.loads(FRONT_PAGE.read_text(encoding="utf-8"))
    access = tomllib.loads((FRONT_PAGE.parent / "subscriptions.toml").read_text())["access"]
    sections = {section["slug"] for section in newsroom["sections"]}
    by_slug = {article["slug"]: article for article in articles}
    opinion_pieces = [a for a in articles if a["section"] == plan["opinion_section"]]

    assert set(plan["top_stories"]) <= set(by_slug)
    assert not set(plan["top_stories"]) & set(access["subscriber_articles"])
    assert all(
        by_slug[slug]["section"] not in access["subscriber_sections"]
        or slug in access["free_articles"]
        for slug in plan["top_stories"]
    )
    assert {block["slug"] for block in plan["sections"]} <= sections
    assert len(opinion_pieces) >= plan["opinion_count"]
    assert all(piece["authors"] for piece in opinion_pieces)


def test_demo_front_page_is_arranged_once_and_editors_changes_stay(
    home, make_section, make_article, tmp_path
):
    lebanon, opinion = make_section("Liban"), make_section("Opinion", slug="opinion")
    make_article(lebanon, "Le quai rouvre", slug="quai")
    make_article(lebanon, "Les souks", slug="souks")
    make_article(lebanon, "Le budget", slug="budget")
    make_article(opinion, "Une tribune", slug="tribune")
    plan = tmp_path / "front-page.toml"
    plan.write_text(
        'top_stories = ["souks", "quai"]\nopinion_section = "opinion"\nopinion_count = 3\n'
        'sections = [{ slug = "liban", count = 2 }]\n'
    )

    assert arrange_front_page(home, path=plan)
    html = front()
    assert titles(html, "card--lead") == ["Les souks"]
    assert "Une tribune" in between(html, 'class="opinion-strip"', "</ul>")
    assert re.findall(r'<h2 id="rubrique-([\w-]+)"', html) == ["liban"]
    assert "Le budget" in between(html, 'id="rubrique-liban"', "</section>")

    home.refresh_from_db()
    home.opinion_count = 1
    home.save_revision().publish()
    assert not arrange_front_page(home, path=plan)
    home.refresh_from_db()
    assert home.opinion_count == 1
