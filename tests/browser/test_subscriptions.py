"""The paywall in Chromium, on the demo's subscriber articles: what a reader without a
subscription gets, the monthly meter, a subscriber reading, offering an article and
cancelling from « Mon abonnement »."""

import html
import re
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.utils.html import strip_tags
from playwright.sync_api import Page, expect

from quotidien.demo.loader import DEMO_READER
from quotidien.demo.subscriptions import SUBSCRIBER
from quotidien.french.dates import french_date
from quotidien.news.models import ArticlePage
from quotidien.subscriptions.models import Subscription

pytestmark = pytest.mark.browser
OFFER = "La suite de cet article est réservée aux abonnés"


@dataclass
class Locked:
    """A subscriber article of the demo, as a reader sees it."""

    url: str
    title: str
    teaser: str  # the first words of its first paragraph, what everyone reads
    hidden: str  # the first words of its last paragraph, for subscribers only


def _words(paragraph: str, count: int = 8) -> str:
    return " ".join(html.unescape(strip_tags(paragraph)).split()[:count])


@pytest.fixture
def locked() -> list[Locked]:
    """The demo's two newest subscriber articles with more than one paragraph."""
    found = []
    for article in ArticlePage.objects.live().order_by("-first_published_at"):
        paragraphs = [str(b.value) for b in article.body if b.block_type == "paragraph"]
        if article.for_subscribers and len(paragraphs) > 1:
            found.append(
                Locked(article.url, article.title, _words(paragraphs[0]), _words(paragraphs[-1]))
            )
    if len(found) < 2:
        pytest.fail("The demo should keep at least two articles for subscribers.")
    return found[:2]


def log_in(tab: Page, email: str, password: str) -> None:
    """Fill the login form the tab shows, and send it."""
    tab.get_by_label("Adresse e-mail").fill(email)
    tab.get_by_label("Mot de passe").fill(password)
    tab.get_by_role("main").get_by_role("button", name="Se connecter").click()


def test_reader_without_subscription_gets_the_teaser_then_the_meter_counts_down(
    new_context, locked
):
    first, second = locked
    allowance = settings.QUOTIDIEN_METER_PER_MONTH
    tab = new_context().new_page()

    response = tab.goto(first.url)

    expect(tab.get_by_role("heading", level=1)).to_have_text(first.title)
    expect(tab.locator(".article__body--teaser")).to_contain_text(first.teaser)
    offer = tab.get_by_role("region", name=OFFER)
    expect(offer).to_be_visible()
    for plan in ("Mensuel", "Annuel", "Étudiant"):
        expect(offer.get_by_text(plan, exact=True)).to_be_visible()
    expect(offer.get_by_role("link", name="S’abonner")).to_be_visible()
    # Not hidden: never sent, in the page nor anything it carries.
    assert first.hidden not in html.unescape(response.text())

    offer.get_by_role("link", name="Se connecter").click()
    log_in(tab, DEMO_READER[0], DEMO_READER[1])

    expect(tab).to_have_url(re.compile(re.escape(first.url) + "$"))
    expect(tab.get_by_text(first.hidden)).to_be_visible()
    expect(tab.locator(".access-note__meter")).to_contain_text(
        f"il vous en reste {allowance - 1} à lire ce mois-ci"
    )
    tab.goto(second.url)
    expect(tab.get_by_text(second.hidden)).to_be_visible()
    expect(tab.locator(".access-note__meter")).to_contain_text(
        f"il vous en reste {allowance - 2} à lire ce mois-ci"
    )


def test_subscriber_reads_it_all_offers_it_and_cancels_keeping_access_to_the_period_end(
    new_context, locked
):
    article = locked[0]
    subscription = Subscription.objects.get(user__username=SUBSCRIBER[0])
    tab = new_context().new_page()

    tab.goto(f"/compte/connexion/?next={article.url}")
    log_in(tab, SUBSCRIBER[0], SUBSCRIBER[1])

    expect(tab).to_have_url(re.compile(re.escape(article.url) + "$"))
    expect(tab.get_by_text(article.hidden)).to_be_visible()
    expect(tab.get_by_role("region", name=OFFER)).to_have_count(0)

    tab.get_by_role("link", name="Offrir cet article").click()
    tab.get_by_role("button", name="Créer le lien cadeau").click()
    gift_url = tab.get_by_label("Lien à partager").input_value()
    # The link names the paper's address (SITE_URL); its path is opened on the test server.
    assert gift_url.startswith(settings.WAGTAILADMIN_BASE_URL + article.url)
    friend = new_context().new_page()
    friend.goto(gift_url.removeprefix(settings.WAGTAILADMIN_BASE_URL))
    expect(friend.get_by_text("Un abonné vous offre cet article.")).to_be_visible()
    expect(friend.get_by_text(article.hidden)).to_be_visible()

    tab.goto("/compte/abonnement/")
    tab.get_by_role("button", name="Résilier mon abonnement").click()

    until = french_date(subscription.current_period_end)
    expect(tab.get_by_role("status").first).to_contain_text(
        f"Vous gardez l’accès aux articles réservés aux abonnés jusqu’au {until}"
    )
    expect(tab.get_by_text("Accès jusqu’au", exact=True)).to_be_visible()
    expect(tab.get_by_role("button", name="Réactiver")).to_be_visible()
