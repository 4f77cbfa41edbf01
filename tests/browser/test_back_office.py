"""A journalist starts an article from the back office's dashboard, in the browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HEADLINE = "Avancée fulgurante : l’armée reprend le cœur de la ville"


def test_journalist_starts_an_article_from_the_dashboard(new_context, screenshots):
    tab = new_context(viewport={"width": 1280, "height": 900}).new_page()
    tab.goto("/admin/login/")
    tab.locator("#id_username").fill("journaliste")
    tab.locator("#id_password").fill("quotidien-journaliste")
    tab.locator("button[type=submit]").click()

    panel = tab.locator("#new-article-section")
    section = panel.get_by_label("Rubrique")
    section.select_option(index=1)
    chosen = section.input_value()
    panel.get_by_role("button", name="Écrire l’article").click()

    expect(tab).to_have_url(re.compile(rf"/admin/pages/add/news/articlepage/{chosen}/$"))
    tab.locator("#id_title").fill(HEADLINE)
    tab.locator("#id_title").blur()
    # The address follows the headline in the browser, folded as the server folds it.
    slug = tab.locator("input[name=slug]")
    expect(slug).to_have_value("avancee-fulgurante-l-armee-reprend-le-coeur-de-la-ville")

    authors = tab.locator("[data-news-filter]")
    first = tab.locator("input[name=authors]").first
    name = first.locator("xpath=..").inner_text().strip()
    authors.fill(name.split()[-1].upper())
    expect(first).to_be_visible()
    expect(tab.locator("input[name=authors]:visible")).not_to_have_count(
        tab.locator("input[name=authors]").count()
    )
    tab.screenshot(path=screenshots / "back-office-new-article.png", full_page=True)
