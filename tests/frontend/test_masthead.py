"""The masthead and the sticky bar as each kind of reader sees them: the offer to
subscribe for whoever has no subscription, the account's links folded into one menu."""

import pytest
from django.test import Client
from lxml import html as lxml_html

from quotidien.subscriptions.models import Plan
from tests.subscriptions import running

pytestmark = pytest.mark.django_db

SUBSCRIBE = "S’abonner"


def having(class_name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {class_name} ')"


def offers_to_subscribe(content: bytes) -> dict[str, bool]:
    """Where the page offers to subscribe: in the masthead, in the sticky bar, in the menu."""
    document = lxml_html.fromstring(content.decode())

    def offered(xpath: str) -> bool:
        return any(link.text_content().strip() == SUBSCRIBE for link in document.xpath(xpath))

    return {
        "masthead": offered("//header[@id='haut']//a"),
        "sticky bar": offered(f"//nav[{having('sticky-bar')}]/div/a"),
        "menu": offered(f"//div[{having('menu__account')}]//a"),
    }


@pytest.fixture
def free_article(make_section, make_article):
    return make_article(make_section("Liban"), "Les marchés de Noël ouvrent à Byblos")


def logged_in(reader) -> Client:
    client = Client()
    client.force_login(reader)
    return client


def test_every_reader_without_a_subscription_is_offered_one_and_subscribers_are_not(
    client, free_article, make_reader
):
    plan = Plan.objects.create(name="Mensuel", slug="mensuel")
    subscriber = make_reader("Nour Haddad")
    running.subscribe(subscriber, plan)
    everywhere = {"masthead": True, "sticky bar": True, "menu": True}
    nowhere = {"masthead": False, "sticky bar": False, "menu": False}

    # The subscriber reads first: the article's page is shared by logged-in readers who
    # read as much of it, and must not keep the subscriber's header for the next one.
    for url in ("/", free_article.url):
        assert offers_to_subscribe(logged_in(subscriber).get(url).content) == nowhere
        assert offers_to_subscribe(logged_in(make_reader()).get(url).content) == everywhere
        assert offers_to_subscribe(client.get(url).content) == everywhere
        assert offers_to_subscribe(logged_in(subscriber).get(url).content) == nowhere


def test_a_logged_in_readers_links_fold_into_a_menu_under_their_name(client, home, make_reader):
    client.force_login(make_reader("Leïla Mansour"))

    document = lxml_html.fromstring(client.get("/").content.decode())

    (menu,) = document.xpath(f"//header[@id='haut']//details[{having('account-menu')}]")
    assert menu.get("open") is None
    assert menu.xpath("./summary")[0].text_content().strip() == "Leïla Mansour"
    links = [" ".join(item.text_content().split()) for item in menu.xpath(".//li")]
    assert links == ["Mon compte", "Mon abonnement", "Mes commentaires", "Se déconnecter"]
