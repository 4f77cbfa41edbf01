"""Front page, section and tag listings."""

from datetime import timedelta

import pytest

from quotidien.news.models import HomePageTopStory

pytestmark = pytest.mark.django_db


def test_front_page_shows_top_stories_in_editor_order_then_each_section(
    client, home, make_section, make_article
):
    lebanon, culture = make_section("Liban"), make_section("Culture")
    first = make_article(lebanon, "Deuxième par la date", age=timedelta(days=2))
    second = make_article(culture, "Premier par la date")
    make_article(culture, "Une exposition au musée")
    for order, article in enumerate([first, second]):
        home.top_stories.add(HomePageTopStory(article=article, sort_order=order))
    home.save_revision().publish()

    response = client.get("/")
    html = response.content.decode()

    assert [a.title for a in response.context["top_stories"]] == [
        "Deuxième par la date",
        "Premier par la date",
    ]
    assert "À la une" in html
    assert [section.title for section, _ in response.context["section_fronts"]] == ["Culture"]
    assert "Une exposition au musée" in html


def test_section_lists_its_and_its_subsections_articles_newest_first(
    client, make_section, make_article
):
    world = make_section("Monde")
    syria = make_section("Syrie", parent=world)
    make_article(world, "Ancien", age=timedelta(days=3))
    make_article(syria, "Récent", age=timedelta(hours=1))
    make_article(world, "Brouillon", live=False)

    response = client.get(world.url)

    assert [a.title for a in response.context["articles"]] == ["Récent", "Ancien"]
    assert "Brouillon" not in response.content.decode()
    assert ">Syrie</a>" in response.content.decode()


def test_section_is_paginated_and_bad_page_numbers_are_404(
    client, settings, make_section, make_article
):
    settings.QUOTIDIEN_PAGE_SIZE = 2
    lebanon = make_section("Liban")
    for days in range(5):
        make_article(lebanon, f"Jour {days}", age=timedelta(days=days))

    page_two = client.get(lebanon.url, {"page": 2})

    assert [a.title for a in page_two.context["articles"]] == ["Jour 2", "Jour 3"]
    assert "Page 2 sur 3" in page_two.content.decode()
    for bad in ("abc", "0", "99", "-1"):
        response = client.get(lebanon.url, {"page": bad})
        assert response.status_code == 404
        assert "Page introuvable" in response.content.decode()


def test_tag_page_lists_live_articles_with_that_tag(client, make_section, make_article):
    lebanon = make_section("Liban")
    make_article(lebanon, "Pénurie d’eau à Tyr", tags=["Eau"])
    make_article(lebanon, "Match nul", tags=["Football"])

    html = client.get("/sujet/eau/").content.decode()

    assert "Pénurie d’eau à Tyr" in html
    assert "Match nul" not in html
    assert client.get("/sujet/inconnu/").status_code == 404


def test_header_lists_the_top_level_sections(client, home, make_section):
    world = make_section("Monde")
    make_section("Syrie", parent=world)
    make_section("Sport")

    html = client.get("/").content.decode()

    assert '<a href="/monde/">Monde</a>' in html
    assert '<a href="/sport/">Sport</a>' in html
    assert '<a href="/monde/syrie/">Syrie</a></li>' not in html.split("</nav>")[0]
