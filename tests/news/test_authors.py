"""Authors' pages: who signs, what they signed, their feed, and bylines that lead there."""

import json
from datetime import timedelta
from io import BytesIO

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from lxml import etree
from lxml import html as lxml_html
from PIL import Image

from quotidien.demo.photos import photo_jpeg, portrait_jpeg
from quotidien.news.images import NewsImage
from quotidien.news.models import Agency, Author

pytestmark = pytest.mark.django_db

SITE_URL = "https://journal.example"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# What the author's page costs: the author with their portrait, its renditions, the count and
# the page of their articles' ids, the cards (articles, their authors, their renditions) and
# the site that page URLs are found on. Sections are kept between requests.
AUTHOR_PAGE_QUERIES = 8


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE_URL
    settings.WAGTAIL_SITE_NAME = "Quotidien"


def portrait(name: str) -> NewsImage:
    image = NewsImage(title=f"Portrait de {name}", credit="Quotidien")
    image.file = ImageFile(BytesIO(portrait_jpeg(name)), name="portrait.jpg")
    image.save()
    return image


def photo(name: str) -> NewsImage:
    image = NewsImage(title=name, caption=f"Légende {name}", credit="ALP / Sami Frem")
    image.file = ImageFile(BytesIO(photo_jpeg(name)), name=f"{name}.jpg")
    image.save()
    return image


@pytest.fixture
def nadia(django_capture_on_commit_callbacks):
    # The worker makes the portrait's renditions once the author is saved.
    with django_capture_on_commit_callbacks(execute=True):
        return Author.objects.create(
            name="Nadia Khoury",
            slug="nadia-khoury",
            role="Cheffe du service Liban",
            bio="Elle suit le Parlement depuis quinze ans.\n\nElle aime les chiffres.",
            photo=portrait("Nadia Khoury"),
        )


@pytest.fixture
def lebanon(make_section):
    return make_section("Liban")


@pytest.fixture
def sign(make_article):
    """Publish an article signed by `authors`."""

    def make(section, title, *authors, **fields):
        article = make_article(section, title, **fields)
        article.authors.set(authors)
        article.save_revision().publish()
        return article

    return make


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response, lxml_html.fromstring(response.content.decode())


def headlines(tree) -> list[str]:
    return [text.strip() for text in tree.xpath("//main//*[@class='card__title']/a/text()")]


def json_ld(tree, kind: str) -> dict:
    documents = [json.loads(s) for s in tree.xpath("//script[@type='application/ld+json']/text()")]
    [found] = [document for document in documents if document["@type"] == kind]
    return found


@pytest.mark.usefixtures("renditions")
def test_author_page_shows_portrait_role_bio_and_their_live_articles_newest_first(
    client, nadia, lebanon, sign, make_article
):
    karim = Author.objects.create(name="Karim Haddad", slug="karim-haddad")
    sign(lebanon, "Le budget arrive au Parlement", nadia, age=timedelta(days=2))
    sign(lebanon, "Séance houleuse place de l’Étoile", nadia, karim, age=timedelta(hours=3))
    sign(lebanon, "Un reportage de Karim", karim)
    draft = make_article(lebanon, "Brouillon de Nadia", live=False)
    draft.authors.set([nadia])
    draft.save_revision()

    response, tree = page(client, "/auteurs/nadia-khoury/")

    assert tree.xpath("string(//h1)") == "Nadia Khoury"
    assert tree.xpath("//title/text()")[0].startswith("Nadia Khoury")
    assert "Cheffe du service Liban" in tree.xpath("string(//*[@class='author-header__role'])")
    bio = tree.xpath("//*[@class='author-header__bio']/p/text()")
    assert bio == ["Elle suit le Parlement depuis quinze ans.", "Elle aime les chiffres."]
    assert tree.xpath("//*[@class='author-header__portrait']//img[@alt='Portrait de Nadia Khoury']")
    assert headlines(tree) == ["Séance houleuse place de l’Étoile", "Le budget arrive au Parlement"]


def test_author_without_article_or_photo_gets_a_page_that_says_so(client):
    Author.objects.create(name="Marc Aoun", slug="marc-aoun")

    _response, tree = page(client, "/auteurs/marc-aoun/")

    assert "Marc Aoun n’a pas encore signé d’article publié." in tree.text_content()
    assert not tree.xpath("//main//img")


def test_author_page_is_paginated_and_odd_page_numbers_are_404(
    client, settings, nadia, lebanon, sign
):
    settings.QUOTIDIEN_PAGE_SIZE = 2
    for days in range(5):
        sign(lebanon, f"Jour {days}", nadia, age=timedelta(days=days))

    _response, second = page(client, "/auteurs/nadia-khoury/?page=2")

    assert headlines(second) == ["Jour 2", "Jour 3"]
    assert "Page 2 sur 3" in second.text_content()
    assert second.xpath("//a[@rel='next']/@href") == ["?page=3"]
    for bad in ("abc", "0", "4", "-1", "1.5"):
        response = client.get("/auteurs/nadia-khoury/", {"page": bad})
        assert response.status_code == 404, bad


def test_unknown_author_is_a_404_in_french(client, home, settings):
    settings.DEBUG = False

    response = client.get("/auteurs/personne/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_unknown_author_404_says_what_went_wrong(rf, home):
    from django.http import Http404

    from quotidien.news import authors

    with pytest.raises(Http404, match="Aucun auteur ne signe sous l’identifiant « personne »"):
        authors.author_by_slug("personne")


def test_authors_index_lists_every_author_by_name_with_a_link_to_their_page(client, nadia):
    Author.objects.create(name="Élias Najjar", slug="elias-najjar", role="Éditorialiste")
    Author.objects.create(name="Karim Haddad", slug="karim-haddad")

    _response, tree = page(client, "/auteurs/")

    links = tree.xpath("//main//a[@class='author-list__name']")
    assert [(a.text, a.get("href")) for a in links] == [
        ("Élias Najjar", "/auteurs/elias-najjar/"),
        ("Karim Haddad", "/auteurs/karim-haddad/"),
        ("Nadia Khoury", "/auteurs/nadia-khoury/"),
    ]
    assert "Éditorialiste" in tree.text_content()


def test_byline_links_each_author_to_their_page_and_keeps_the_agency(client, nadia, lebanon, sign):
    karim = Author.objects.create(name="Karim Haddad", slug="karim-haddad")
    agency = Agency.objects.create(name="Agence Levant Presse", short_name="ALP", slug="alp")
    article = sign(lebanon, "Convois au nord", nadia, karim, agency=agency)

    _response, tree = page(client, article.url)

    [byline] = tree.xpath("//*[@class='byline']")
    links = byline.xpath(".//a[@class='author']")
    assert [(a.text, a.get("href")) for a in links] == [
        ("Karim Haddad", "/auteurs/karim-haddad/"),
        ("Nadia Khoury", "/auteurs/nadia-khoury/"),
    ]
    assert byline.xpath(".//abbr[@class='agency']/text()") == ["ALP"]
    for link in links:
        assert client.get(link.get("href")).status_code == 200


def test_article_json_ld_names_its_authors_as_people_and_its_agency_as_organization(
    client, nadia, lebanon, sign
):
    karim = Author.objects.create(name="Karim Haddad", slug="karim-haddad")
    agency = Agency.objects.create(name="Agence Levant Presse", short_name="ALP", slug="alp")
    article = sign(lebanon, "Convois au nord", nadia, karim, agency=agency)

    _response, tree = page(client, article.url)

    people = json_ld(tree, "NewsArticle")["author"]
    assert people[0] == {
        "@type": "Person",
        "name": "Karim Haddad",
        "url": f"{SITE_URL}/auteurs/karim-haddad/",
    }
    assert people[1]["name"] == "Nadia Khoury"
    assert people[1]["url"] == f"{SITE_URL}/auteurs/nadia-khoury/"
    assert people[1]["jobTitle"] == "Cheffe du service Liban"
    assert people[1]["image"].startswith(f"{SITE_URL}/media/")
    assert people[1]["image"].endswith(".jpg")
    assert people[2] == {"@type": "Organization", "name": "Agence Levant Presse"}


def test_author_page_describes_a_profile_with_breadcrumbs_for_search_engines(client, nadia):
    _response, tree = page(client, "/auteurs/nadia-khoury/")

    profile = json_ld(tree, "ProfilePage")
    assert profile["mainEntity"]["@type"] == "Person"
    assert profile["mainEntity"]["name"] == "Nadia Khoury"
    assert profile["mainEntity"]["url"] == f"{SITE_URL}/auteurs/nadia-khoury/"
    crumbs = json_ld(tree, "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Accueil", "Auteurs", "Nadia Khoury"]
    assert tree.xpath("//head/link[@rel='canonical']/@href") == [
        f"{SITE_URL}/auteurs/nadia-khoury/"
    ]
    assert tree.xpath("//head/meta[@name='description']/@content")[0].startswith(
        "Elle suit le Parlement"
    )


def test_author_feed_lists_their_latest_live_articles_and_their_page_links_to_it(
    client, nadia, lebanon, sign, make_article
):
    sign(lebanon, "Ancien papier", nadia, age=timedelta(days=3))
    sign(lebanon, "Papier du jour", nadia, age=timedelta(hours=1))
    make_article(lebanon, "Papier d’un autre")
    withdrawn = sign(lebanon, "Papier retiré", nadia)
    withdrawn.unpublish()

    _response, tree = page(client, "/auteurs/nadia-khoury/")
    alternates = tree.xpath("//head/link[@rel='alternate']/@href")
    assert f"{SITE_URL}/auteurs/nadia-khoury/rss/" in alternates
    assert f"{SITE_URL}/auteurs/nadia-khoury/atom/" in alternates

    for kind, version in (("rss", "rss20"), ("atom", "atom10")):
        response = client.get(f"/auteurs/nadia-khoury/{kind}/")
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo and feed.version == version
        assert feed.feed.title == "Nadia Khoury | Quotidien"
        assert feed.feed.link == f"{SITE_URL}/auteurs/nadia-khoury/"
        assert [entry.title for entry in feed.entries] == ["Papier du jour", "Ancien papier"]


def test_feed_of_an_unknown_author_is_a_404_in_french(client, home):
    from django.http import Http404

    from quotidien.syndication.queries import author_feed_source

    assert client.get("/auteurs/personne/rss/").status_code == 404
    with pytest.raises(Http404, match="Il n’y a pas d’auteur « personne »"):
        author_feed_source(slug="personne")


def test_sitemap_lists_the_authors_who_signed_a_live_article(client, nadia, lebanon, sign):
    Author.objects.create(name="Marc Aoun", slug="marc-aoun")
    sign(lebanon, "Budget", nadia)

    index = etree.fromstring(client.get("/sitemap.xml").content)
    entries = index.xpath("//s:sitemap/s:loc/text()", namespaces=SITEMAP)
    assert f"{SITE_URL}/sitemap-auteurs.xml" in entries
    authors = etree.fromstring(client.get("/sitemap-auteurs.xml").content)

    assert authors.xpath("//s:url/s:loc/text()", namespaces=SITEMAP) == [
        f"{SITE_URL}/auteurs/nadia-khoury/"
    ]
    assert authors.xpath("//s:url/s:lastmod/text()", namespaces=SITEMAP)


def count_queries(client, url) -> int:
    # The first view asks the worker for the missing renditions, which outdates the kept
    # reads (sections, site root): the next one reads them again, the third is the usual.
    client.get(url), client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_author_page_costs_a_fixed_number_of_queries_whatever_they_signed(
    client, nadia, lebanon, make_section, sign
):
    world = make_section("Monde")
    sign(lebanon, "Premier papier", nadia, lead_image=photo("premier"), tags=["Budget"])
    few = count_queries(client, "/auteurs/nadia-khoury/")

    others = [Author.objects.create(name=f"Auteur {n}", slug=f"auteur-{n}") for n in range(3)]
    for number in range(12):
        section = world if number % 2 else lebanon
        sign(
            section,
            f"Papier {number}",
            nadia,
            *others,
            lead_image=photo(f"p{number}"),
            tags=["Budget", f"Sujet {number}"],
        )
    many = count_queries(client, "/auteurs/nadia-khoury/")

    assert few == many == AUTHOR_PAGE_QUERIES


def test_authors_index_costs_the_same_queries_however_many_authors(client, nadia):
    few = count_queries(client, "/auteurs/")
    for number in range(8):
        Author.objects.create(
            name=f"Auteur {number}", slug=f"auteur-{number}", photo=portrait(f"A{number}")
        )

    assert count_queries(client, "/auteurs/") == few


class TestCachedAuthorPage:
    """Anonymous readers get the author's page from the page cache, never out of date."""

    @pytest.fixture(autouse=True)
    def page_cache(self, settings):
        settings.PAGE_CACHE = True
        caches["pages"].clear()

    def fetch(self, url):
        response = Client().get(url)
        assert response.status_code == 200, url
        return response["X-Page-Cache"], response.content.decode()

    def test_second_visit_is_served_from_the_cache(self, nadia, lebanon, sign):
        sign(lebanon, "Budget", nadia)
        url = "/auteurs/nadia-khoury/"

        assert self.fetch(url)[0] == "miss"
        # The first view may have asked the worker for renditions, which outdates the page.
        self.fetch(url)
        assert self.fetch(url)[0] == "hit"

    def test_publishing_editing_and_withdrawing_their_article_outdate_page_and_feed(
        self, nadia, lebanon, sign
    ):
        first = sign(lebanon, "Budget voté", nadia)
        urls = ("/auteurs/nadia-khoury/", "/auteurs/nadia-khoury/rss/")
        for url in urls:
            self.fetch(url), self.fetch(url)

        second = sign(lebanon, "Séance de nuit", nadia)
        assert all("Séance de nuit" in self.fetch(url)[1] for url in urls)

        first.title = "Budget voté en pleine nuit"
        first.save_revision().publish()
        assert all("Budget voté en pleine nuit" in self.fetch(url)[1] for url in urls)

        second.unpublish()
        assert all("Séance de nuit" not in self.fetch(url)[1] for url in urls)

    def test_editing_the_author_outdates_their_page_and_feed(self, nadia, lebanon, sign):
        sign(lebanon, "Budget", nadia)
        urls = ("/auteurs/nadia-khoury/", "/auteurs/nadia-khoury/rss/", "/auteurs/")
        for url in urls:
            self.fetch(url), self.fetch(url)

        nadia.name = "Nadia Khoury-Salem"
        nadia.save()

        assert all("Nadia Khoury-Salem" in self.fetch(url)[1] for url in urls)


def test_newsroom_edits_an_author_with_their_portrait_in_the_back_office(client, nadia):
    admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "x-Secret-123")
    client.force_login(admin)
    new_portrait = portrait("Nadia Khoury, 2026")
    url = f"/admin/snippets/news/author/edit/{nadia.pk}/"

    form = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name": "Nadia Khoury",
            "slug": "nadia-khoury",
            "role": "Rédactrice en chef adjointe",
            "bio": "Une nouvelle biographie.",
            "photo": new_portrait.pk,
        },
    )

    assert "Photo" in form and "Biographie" in form
    assert response.status_code == 302
    nadia.refresh_from_db()
    assert nadia.photo == new_portrait
    assert nadia.role == "Rédactrice en chef adjointe"


def test_demo_portraits_are_square_and_the_same_for_the_same_name():
    image = Image.open(BytesIO(portrait_jpeg("Léa Sfeir")))

    assert image.size == (400, 400)
    assert portrait_jpeg("Léa Sfeir") == portrait_jpeg("Léa Sfeir")
    assert portrait_jpeg("Léa Sfeir") != portrait_jpeg("Marc Aoun")


def test_demo_gives_every_author_a_biography_and_a_portrait_and_keeps_editors_changes(
    settings, tmp_path
):
    from quotidien.demo.loader import _load_authors, read_content

    settings.MEDIA_ROOT = tmp_path
    newsroom, _articles = read_content()
    Author.objects.create(name="Nadia Khoury", slug="nadia-khoury", bio="Écrite par la rédaction.")

    authors = _load_authors(newsroom["authors"])
    again = _load_authors(newsroom["authors"])

    assert len(authors) == len(newsroom["authors"]) >= 5
    assert all(author.bio and author.photo for author in authors.values())
    assert authors["nadia-khoury"].bio == "Écrite par la rédaction."
    assert [a.photo_id for a in again.values()] == [a.photo_id for a in authors.values()]
    assert NewsImage.objects.count() == len(authors)
    for item in newsroom["authors"]:
        sentences = item["bio"].count(". ") + 1
        assert 2 <= sentences <= 3, item["slug"]


@pytest.mark.html_checker
def test_authors_pages_are_valid_html(client, settings, nadia, lebanon, sign):
    from tests.html_validation import validate_html

    settings.QUOTIDIEN_PAGE_SIZE = 1
    for number in range(2):
        sign(lebanon, f"Papier {number}", nadia, lead_image=photo(f"v{number}"))
    pages = {
        url: client.get(url).content.decode()
        for url in ("/auteurs/", "/auteurs/nadia-khoury/", "/auteurs/nadia-khoury/?page=2")
    }

    assert validate_html(pages) == {url: [] for url in pages}


def test_an_author_whose_name_starts_with_a_vowel_is_elided(client):
    Author.objects.create(name="Élias Najjar", slug="elias-najjar")

    _response, tree = page(client, "/auteurs/elias-najjar/")

    feed_link = tree.xpath('//a[@type="application/rss+xml"]')[0].text_content()
    assert feed_link == "Les articles d’Élias Najjar en RSS"
    [description] = tree.xpath('//meta[@name="description"]/@content')
    assert description.startswith("Les articles d’Élias Najjar dans ")
