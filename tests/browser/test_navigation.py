"""Finding one's way in the demo paper: the phone's menu and the bar that stays on scroll."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page", [390], ids=["390px"], indirect=True)
def test_phone_menu_opens_from_the_keyboard_and_leads_to_a_subsection(page: Page, axe_script):
    page.add_init_script(path=axe_script)
    page.goto("/")
    sections = page.get_by_role("navigation", name="Toutes les rubriques")
    expect(sections).to_be_hidden()

    page.locator("details.menu > summary").focus()
    page.keyboard.press("Enter")

    expect(sections).to_be_visible()
    expect(sections.get_by_role("link", name="Monde", exact=True)).to_be_visible()
    assert axe_violations(page) == []

    sections.get_by_role("link", name="Syrie", exact=True).click()

    expect(page).to_have_url(re.compile(r"/monde/syrie/$"))
    expect(page.get_by_role("heading", level=1, name="Syrie")).to_be_visible()


@pytest.mark.parametrize("page", [1280], ids=["1280px"], indirect=True)
def test_desktop_bar_stays_at_the_top_with_the_sections_once_the_nameplate_scrolled_away(
    page: Page,
):
    page.goto("/")
    bar = page.locator(".sticky-bar")
    small_nameplate = bar.get_by_role("link", name="Quotidien", exact=True)
    expect(small_nameplate).to_be_hidden()  # the big one shows at the top of the page

    page.evaluate("window.scrollTo({top: 2000, behavior: 'instant'})")

    expect(page.locator(".masthead__title")).not_to_be_in_viewport()
    expect(bar.get_by_role("navigation", name="Rubriques")).to_be_in_viewport()
    expect(small_nameplate).to_be_visible()
    assert bar.bounding_box()["y"] == 0
    bar.get_by_role("link", name="Monde", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Monde")).to_be_visible()
