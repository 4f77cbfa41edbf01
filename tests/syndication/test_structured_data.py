"""What search engines and social networks read in the head of the paper's pages."""

import json

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from quotidien.links import page_url
from quotidien.news.models import ArticlePage
from quotidien.syndication import meta
from tests.html_validation import validate_html
from tests.syndication.paper import SITE_URL, json_ld, open_graph, structured

pytestmark = pytest.mark.django_db


def test_article_breadcrumbs_go_from_the_front_page_to_the_article(client, paper):
    convoys = paper["convoys"]

    crumbs = json_ld(structured(client, convoys.url), "BreadcrumbList")["itemListElement"]

    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Accueil", f"{SITE_URL}/"),
        (2, "Monde", f"{SITE_URL}/monde/"),
        (3, "Syrie", f"{SITE_URL}/monde/syrie/"),
        (4, convoys.title, page_url(convoys)),
    ]


def test_article_lists_its_authors_and_its_agency(client, paper):
    news = json_ld(structured(client, paper["convoys"].url), "NewsArticle")

    assert news["author"] == [
        {"@type": "Person", "name": "Karim Haddad", "url": f"{SITE_URL}/auteurs/karim-haddad/"},
        {"@type": "Person", "name": "Nadia Khoury", "url": f"{SITE_URL}/auteurs/nadia-khoury/"},
        {"@type": "Organization", "name": "Agence Levant Presse"},
    ]
    assert news["keywords"] == ["Réfugiés", "Frontière"]


def test_article_without_photo_or_byline_still_names_an_author(client, paper):
    data = structured(client, paper["power"].url)
    news = json_ld(data, "NewsArticle")

    assert "image" not in news
    assert news["author"][0]["name"] == "Quotidien"
    assert data["twitter"]["twitter:card"] == "summary"


def test_arabic_article_keeps_its_text_in_structured_data(client, paper):
    beirut = paper["beirut"]

    data = structured(client, beirut.url)

    assert json_ld(data, "NewsArticle")["headline"] == "بيروت تستعد لمهرجان الربيع"
    assert open_graph(data)["og:image:alt"] == ["ساحة الشهداء قبل الافتتاح."]
    assert data["canonical"] == [page_url(beirut)]


def test_a_title_cannot_break_out_of_the_json_ld_script(client, paper, make_article):
    title = "Les mots </script><script>alert('x')</script> & « guillemets »"
    article = make_article(paper["lebanon"], title)

    page = client.get(article.url).content.decode()

    head = page[: page.index("</head>")]
    assert "<script>alert" not in head
    news = json_ld(structured(client, article.url), "NewsArticle")
    assert news["headline"] == title


def test_section_page_is_a_collection_with_breadcrumbs(client, paper):
    data = structured(client, "/monde/syrie/")

    collection = json_ld(data, "CollectionPage")
    assert collection["name"] == "Syrie"
    assert collection["url"] == f"{SITE_URL}/monde/syrie/"
    crumbs = json_ld(data, "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Accueil", "Monde", "Syrie"]
    assert open_graph(data)["og:type"] == ["website"]
    assert data["canonical"] == [f"{SITE_URL}/monde/syrie/"]


def test_later_pages_of_a_section_are_their_own_canonical(client, paper, settings):
    settings.QUOTIDIEN_PAGE_SIZE = 1

    data = structured(client, "/monde/?page=2")

    assert data["canonical"] == [f"{SITE_URL}/monde/?page=2"]


def test_front_page_describes_the_site_and_the_paper(client, paper):
    data = structured(client, "/")

    website = json_ld(data, "WebSite")
    assert website["url"] == f"{SITE_URL}/"
    assert website["potentialAction"]["target"] == f"{SITE_URL}/recherche/?q={{search_term_string}}"
    organisation = json_ld(data, "NewsMediaOrganization")
    assert organisation["logo"]["url"].startswith(f"{SITE_URL}/static/img/logo")
    assert data["canonical"] == [f"{SITE_URL}/"]
    assert open_graph(data)["og:site_name"] == ["Quotidien"]


def test_publisher_logo_has_the_size_the_structured_data_gives():
    with Image.open(finders.find(meta.LOGO_PATH)) as logo:
        assert logo.size == meta.LOGO_SIZE


def test_json_for_script_escapes_what_could_close_the_script():
    text = meta.json_for_script({"headline": "</script> & <!--"})

    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"headline": "</script> & <!--"}


@pytest.mark.html_checker
def test_head_markup_keeps_pages_valid_html(client, paper):
    pages = {
        "accueil": client.get("/").content.decode(),
        "rubrique": client.get("/monde/syrie/").content.decode(),
        "article": client.get(paper["convoys"].url).content.decode(),
        "article en arabe": client.get(paper["beirut"].url).content.decode(),
    }
    assert all('property="og:' in page for page in pages.values())

    invalid = {name: found for name, found in validate_html(pages).items() if found}

    assert not invalid, invalid


def test_preview_of_a_new_article_has_a_head_without_dates(rf, paper, admin_user):
    draft = ArticlePage(title="Brouillon en relecture", slug="brouillon", standfirst="Chapô.")
    draft.body = [("paragraph", "<p>Texte.</p>")]
    paper["world"].add_child(instance=draft)
    request = rf.get("/", HTTP_HOST="localhost")
    request.user = admin_user

    page = draft.make_preview_request(request).render().content.decode()

    head = page[: page.index("</head>")]
    assert 'content="None"' not in head
    assert '<meta property="og:title" content="Brouillon en relecture">' in head
    assert "article:published_time" not in head
