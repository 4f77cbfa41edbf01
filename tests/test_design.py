"""What every page wears: the masthead and its date, the menus, the footer and its pages,
the icons, the manifest and the self-hosted fonts."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html as lxml_html
from PIL import Image
from wagtail.models import Site

from quotidien.demo.sitepages import load_demo_sitepages
from quotidien.pagecache import versions
from quotidien.sitepages.models import InformationPage, PaperSettings
from tests.html_validation import validate_html

pytestmark = pytest.mark.django_db


def document(client, url: str = "/"):
    response = client.get(url)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode())


def having(class_name: str) -> str:
    """An XPath test for elements of the CSS class `class_name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {class_name} ')"


def texts(elements) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


@pytest.fixture
def world(home, make_section):
    """Liban, and Monde with its sub-sections Syrie and Europe."""
    make_section("Liban")
    monde = make_section("Monde")
    make_section("Syrie", parent=monde)
    make_section("Europe", parent=monde)
    return monde


def information_page(home, title: str, *, slug: str, show_in_footer=True, live=True):
    page = home.add_child(
        instance=InformationPage(
            title=title,
            slug=slug,
            intro=f"Introduction de « {title} ».",
            body=[("subheading", "Un intertitre"), ("paragraph", "<p>Un paragraphe.</p>")],
            show_in_footer=show_in_footer,
            live=False,
        )
    )
    if live:
        page.save_revision().publish()
    return page


def test_masthead_shows_today_in_french_in_the_site_time_zone(client, home, monkeypatch):
    # 22 h 30 in London is already the next day in Beirut.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 5, 22, 30, tzinfo=UTC))

    (date,) = document(client).xpath(f"//p[{having('masthead__date')}]/time")

    assert date.text_content() == "Dimanche 6 décembre 2026"
    assert date.get("datetime") == "2026-12-06"


def test_mobile_menu_lists_every_section_with_its_subsections(client, world):
    menu = document(client).xpath(f"//details[{having('menu')}]//nav")[0]

    entries = menu.xpath(f".//ul[{having('menu__sections')}]/li")
    tops = [texts(entry.xpath("./a")) for entry in entries]
    assert tops == [["À la une"], ["Liban"], ["Monde"]]
    monde = entries[2]
    assert texts(monde.xpath(".//ul//a")) == ["Syrie", "Europe"]
    assert [a.get("href") for a in monde.xpath(".//ul//a")] == [
        "/monde/syrie/",
        "/monde/europe/",
    ]
    assert not entries[1].xpath(".//ul")


def test_menu_holds_search_subscription_and_account_links(client, world, make_reader):
    menu = document(client).xpath(f"//details[{having('menu')}]")[0]
    assert menu.xpath("./summary")[0].text_content().strip() == "Menu"
    assert menu.xpath(".//form[@role='search'][@action='/recherche/']//input[@name='q']")
    assert {"S’abonner", "Se connecter", "Créer un compte"} <= set(texts(menu.xpath(".//a")))

    client.force_login(make_reader("Nour K."))
    menu = document(client).xpath(f"//details[{having('menu')}]")[0]
    assert {"Mon abonnement", "Mes commentaires"} <= set(texts(menu.xpath(".//a")))
    assert "Se déconnecter" in texts(menu.xpath(".//button"))


def test_sticky_bar_lists_top_level_sections_only(client, world):
    bar = document(client).xpath(f"//nav[{having('sticky-bar')}]")[0]

    assert texts(bar.xpath(f".//nav[{having('site-nav')}]//a")) == ["À la une", "Liban", "Monde"]
    assert bar.xpath(f".//a[{having('sticky-bar__title')}]")[0].get("href") == "/"


def test_footer_links_the_pages_marked_for_it_the_feeds_and_the_networks(client, home):
    information_page(home, "Charte des commentaires", slug="charte")
    information_page(home, "Mentions légales", slug="mentions")
    information_page(home, "Archives internes", slug="interne", show_in_footer=False)
    information_page(home, "Brouillon", slug="brouillon", live=False)
    settings = PaperSettings.for_site(Site.objects.get(root_page=home))
    settings.contact_email = "courrier@quotidien.example"
    settings.instagram_url = "https://www.instagram.com/quotidien.exemple"
    settings.save()

    footer = document(client).xpath("//footer")[0]

    links = {
        text: a.get("href")
        for text, a in zip(texts(footer.xpath(".//a")), footer.xpath(".//a"), strict=True)
    }
    assert links["Retour en haut"] == "#haut"
    assert links["Charte des commentaires"] == "/charte/"
    assert links["Mentions légales"] == "/mentions/"
    assert "Archives internes" not in links and "Brouillon" not in links
    assert links["courrier@quotidien.example"] == "mailto:courrier@quotidien.example"
    assert links["Instagram"] == "https://www.instagram.com/quotidien.exemple"
    assert links["Flux RSS"] == "/rss/" and links["Flux Atom"] == "/atom/"
    # What a reader looks for at the foot of a daily's pages.
    assert links["Corrections"] == "/corrections/"
    assert links["Droit de réponse"] == "/droit-de-reponse/"
    assert links["Abonnements"] == "/abonnement/"
    assert "Facebook" not in links
    assert re.search(r"© \d{4} Quotidien", footer.text_content())


def test_footer_follows_a_new_page_and_a_change_of_settings(client, home):
    assert "Contact" not in texts(document(client).xpath("//footer//a"))
    site_token = versions.current([versions.SITE])

    information_page(home, "Contact", slug="contact")
    settings = PaperSettings.for_site(Site.objects.get(root_page=home))
    settings.x_url = "https://x.com/quotidien_ex"
    settings.save()

    links = texts(document(client).xpath("//footer//a"))
    assert "Contact" in links and "X (Twitter)" in links
    # The cached pages carry the footer too: the change outdates them.
    assert versions.current([versions.SITE]) != site_token


def test_information_page_shows_its_intro_and_body(client, home):
    page = information_page(home, "À propos", slug="a-propos")

    article = document(client, page.url).xpath(f"//article[{having('info-page')}]")[0]

    assert texts(article.xpath(".//h1")) == ["À propos"]
    assert texts(article.xpath(f".//p[{having('info-page__intro')}]")) == [
        "Introduction de « À propos »."
    ]
    assert texts(article.xpath(f".//h2[{having('intertitre')}]")) == ["Un intertitre"]
    assert texts(article.xpath(f".//div[{having('info-page__body')}]//p")) == ["Un paragraphe."]
    (description,) = document(client, page.url).xpath("//meta[@name='description']")
    assert description.get("content") == "Introduction de « À propos »."


def test_demo_loads_the_four_footer_pages_once(client, home):
    assert load_demo_sitepages(home=home) == [
        "charte-des-commentaires",
        "mentions-legales",
        "contact",
        "a-propos",
    ]
    assert load_demo_sitepages(home=home) == []

    links = texts(document(client).xpath("//footer//a"))
    assert {"Charte des commentaires", "Mentions légales", "Contact", "À propos"} <= set(links)
    charter = document(client, "/charte-des-commentaires/")
    assert "Signaler" in charter.text_content()
    legal = document(client, "/mentions-legales/")
    assert legal.xpath("//main//a[@href='/droit-de-reponse/']/text()") == [
        "formulaire «\u202fDroit de réponse\u202f»"  # set in French typography
    ]
    contact = document(client, "/contact/").text_content()
    assert "écrivez à abonnements@quotidien.example, du lundi" in contact
    assert "{subscriptions_email}" not in contact


def test_page_costs_no_query_more_with_a_footer(client, world, make_article):
    article = make_article(world)

    def count(url) -> int:
        client.get(url)  # what a page reads once and then keeps (its footer) is read now
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = ["/", world.url, article.url, "/recherche/?q=monde"]
    without_footer = [count(url) for url in urls]
    load_demo_sitepages(home=world.get_parent().specific)
    with_footer = [count(url) for url in urls]

    assert "Mentions légales" in texts(document(client).xpath("//footer//a"))
    assert with_footer == without_footer


def test_favicon_ico_leads_to_the_paper_icon(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    path = finders.find(response["Location"].removeprefix("/static/"))
    with Image.open(path) as icon:
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])


def test_manifest_names_the_paper_and_its_icons(client, db):
    response = client.get("/manifest.webmanifest")

    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "Quotidien" and manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] and manifest["background_color"]
    pngs = [icon for icon in manifest["icons"] if icon["type"] == "image/png"]
    assert [icon["sizes"] for icon in pngs] == ["192x192", "512x512"]
    for icon in pngs:
        with Image.open(finders.find(icon["src"].removeprefix("/static/"))) as picture:
            assert "x".join(map(str, picture.size)) == icon["sizes"]


def test_pages_link_their_icons_manifest_and_theme_color(client, home):
    head = document(client).find("head")

    assert head.xpath("./link[@rel='manifest']")[0].get("href") == "/manifest.webmanifest"
    assert head.xpath("./meta[@name='theme-color']")[0].get("content")
    icons = [
        link.get("href") for link in head.xpath("./link[@rel='icon' or @rel='apple-touch-icon']")
    ]
    assert len(icons) == 3
    for href in icons:
        assert finders.find(href.removeprefix("/static/")), href
    with Image.open(finders.find("img/apple-touch-icon.png")) as touch:
        assert touch.size == (180, 180) and touch.mode == "RGB"


def test_latin_fonts_are_preloaded_and_served_from_the_npm_packages(client, home):
    head = document(client).find("head")

    preloads = head.xpath("./link[@rel='preload'][@as='font']")
    assert [link.get("href").rsplit("/", 1)[-1] for link in preloads] == [
        "source-serif-4-latin-wght-normal.woff2",
        "source-sans-3-latin-wght-normal.woff2",
    ]
    for link in preloads:
        assert link.get("type") == "font/woff2" and link.get("crossorigin") is not None
        path = finders.find(link.get("href").removeprefix("/static/"))
        assert path and "node_modules" in path
        assert open(path, "rb").read(4) == b"wOF2"


def test_stylesheet_declares_each_font_face_with_swap_and_a_unicode_range():
    css = open(finders.find("css/site.css"), encoding="utf-8").read()

    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert {re.search(r'font-family:\s*"([^"]+)"', face)[1] for face in faces} == {
        "Source Serif 4",
        "Source Sans 3",
    }
    for face in faces:
        assert "font-display: swap" in face and "unicode-range:" in face
        (url,) = re.findall(r'url\("\.\./([^"]+)"\)', face)
        assert finders.find(url), url


@pytest.mark.html_checker
def test_front_page_and_information_page_are_valid_html(client, world, make_reader):
    page = information_page(home=world.get_parent().specific, title="Contact", slug="contact")
    pages = {
        "accueil": client.get("/").content.decode(),
        "page": client.get(page.url).content.decode(),
    }
    client.force_login(make_reader("Nour K."))
    pages["accueil, connecté"] = client.get("/").content.decode()

    assert validate_html(pages) == {name: [] for name in pages}
