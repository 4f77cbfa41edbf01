"""The header as a new reader finds it: one offer to subscribe and one search box in view,
and pages that fit a phone's width."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def fits_the_width(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("page", [1280], ids=["1280px"], indirect=True)
def test_one_subscribe_button_and_one_search_box_in_view_on_a_desktop_and_a_phone(page: Page):
    page.goto("/")
    expect(page.get_by_role("link", name="S’abonner", exact=True)).to_have_count(1)
    expect(page.locator("header .subscribe-offer")).to_be_visible()
    expect(page.get_by_role("searchbox")).to_have_count(1)

    page.set_viewport_size({"width": 390, "height": 844})
    article = page.locator("main .card__title a").first.get_attribute("href")
    for url in ("/", "/liban/", article):
        page.goto(url)
        assert fits_the_width(page), url
    page.get_by_text("Menu", exact=True).click()

    expect(page.get_by_role("navigation", name="Toutes les rubriques")).to_be_visible()
    expect(page.get_by_role("searchbox")).to_have_count(1)
    expect(page.get_by_role("link", name="Rechercher dans les archives")).to_be_visible()
