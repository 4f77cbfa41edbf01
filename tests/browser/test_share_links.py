"""The share links under an article, as Chromium lays them out on a desktop and a phone."""

import pytest
from playwright.sync_api import expect

from quotidien.news.models import HomePage

pytestmark = pytest.mark.browser

# Each visible share button's pill and where its words sit inside it, in pixels.
PLACES = """buttons => buttons.map((button) => {
    const words = document.createRange();
    words.selectNodeContents(button);
    const pill = button.getBoundingClientRect(), text = words.getBoundingClientRect();
    return {name: button.textContent.trim(), top: pill.top, height: pill.height,
            above: text.top - pill.top, below: pill.bottom - text.bottom};
})"""


def test_copier_le_lien_lines_up_with_the_other_share_buttons(page, screenshots):
    lead = HomePage.objects.get().top_stories.order_by("sort_order").first().article
    page.goto(lead.url)
    share = page.locator(".share")
    expect(share.get_by_role("button", name="Copier le lien")).to_be_visible()
    page.evaluate("document.fonts.ready")
    share.screenshot(path=screenshots / f"share-{page.viewport_size['width']}.png")

    places = page.eval_on_selector_all(".share__links li:not([hidden]) > *", PLACES)

    copy = next(place for place in places if place["name"] == "Copier le lien")
    for place in places:
        assert place["height"] == copy["height"], place
        assert abs(place["above"] - copy["above"]) < 0.5, (place, copy)
        assert abs(place["above"] - place["below"]) < 1, place
        if abs(place["top"] - copy["top"]) < place["height"] / 2:  # the same row
            assert place["top"] == copy["top"], place
