"""A reader follows a byline to the author's page, and browses a section and search
results, on a desktop and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from quotidien.news import queries
from quotidien.news.models import ArticlePage, SectionPage
from tests.browser.axe import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def signed() -> ArticlePage:
    """The newest demo article signed by an author who has a portrait."""
    articles = (
        ArticlePage.objects.live()
        .filter(authors__photo__isnull=False)
        .order_by("-first_published_at")
        .distinct()
    )
    article = articles.first()
    if article is None:
        pytest.fail("No demo article is signed by an author with a portrait.")
    return article


def test_byline_leads_to_the_author_page_that_lists_their_articles(
    page, signed, axe_script, screenshots
):
    author = signed.authors.order_by("name").first()
    page.add_init_script(path=axe_script)
    page.goto(signed.url)

    page.locator(".byline").get_by_role("link", name=author.name).click()

    expect(page).to_have_url(f"{page.url.split('/auteurs/')[0]}/auteurs/{author.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(author.name)
    portrait = page.locator(".author-header__portrait img")
    expect(portrait).to_be_visible()
    assert portrait.evaluate("(img) => img.naturalWidth") > 0, "the portrait did not load"
    if author.bio:
        expect(page.get_by_text(author.bio.split(".")[0])).to_be_visible()
    articles = page.get_by_role("region", name="Ses articles")
    expect(articles.get_by_role("link", name=signed.title, exact=True)).to_be_visible()
    width = page.viewport_size["width"]
    page.screenshot(path=screenshots / f"auteur-{width}.png", full_page=True)
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []


def test_authors_index_leads_to_each_author(page, signed, axe_script):
    author = signed.authors.order_by("name").first()
    page.add_init_script(path=axe_script)
    page.goto("/auteurs/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Nos auteurs")
    assert axe_violations(page) == []
    page.get_by_role("link", name=author.name, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(author.name)


def test_section_page_shows_its_latest_story_larger_then_headlines_with_pictures(page, screenshots):
    section = (
        SectionPage.objects.live().filter(slug="monde").first()
        or SectionPage.objects.live().first()
    )
    latest = queries.article_cards(list(queries.section_article_ids(section)[:2]))
    page.goto(section.url)

    expect(page.get_by_role("heading", level=1)).to_have_text(section.title)
    lead = page.locator(".listing__lead")
    expect(lead.get_by_role("link", name=latest[0].title, exact=True)).to_be_visible()
    items = page.locator(".listing__items .card")
    expect(items.first.get_by_role("link", name=latest[1].title, exact=True)).to_be_visible()
    lead_box, item_box = lead.locator(".card__title").bounding_box(), items.first.bounding_box()
    assert lead_box["height"] > items.first.locator(".card__title").bounding_box()["height"] / 2
    if latest[1].lead_image:
        picture, text = items.first.locator("img"), items.first.locator(".card__text")
        expect(picture).to_be_visible()
        # Beside the headline, not above it.
        assert abs(picture.bounding_box()["y"] - text.bounding_box()["y"]) < item_box["height"] / 2
    width = page.viewport_size["width"]
    page.screenshot(path=screenshots / f"rubrique-{width}.png", full_page=True)
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def test_search_shows_the_count_the_refine_panel_and_pictures_beside_results(page, screenshots):
    page.goto("/recherche/?q=Beyrouth")

    expect(
        page.get_by_text(re.compile("^\\d+ résultats? pour «\u202fBeyrouth\u202f»"))
    ).to_be_visible()
    # Folded on a phone, where the results come first; always open on a wide screen.
    if page.viewport_size["width"] < 1024:
        expect(page.get_by_label("Rubrique", exact=True)).to_be_hidden()
        page.locator(".refine > summary").click()
    refine = page.get_by_role("group", name="Affiner")
    for label in ("Rubrique", "Auteur", "Du", "Au", "Trier par"):
        expect(refine.get_by_label(label, exact=True)).to_be_visible()
    pictures = page.locator(".search-result__photo img")
    expect(pictures.first).to_be_visible()
    width = page.viewport_size["width"]
    page.screenshot(path=screenshots / f"recherche-{width}.png", full_page=True)
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
