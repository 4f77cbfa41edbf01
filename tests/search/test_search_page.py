"""The header's search box leads to a page of matching articles, with filters and pages."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html as lxml_html

from quotidien.demo.photos import photo_jpeg
from quotidien.news.images import NewsImage
from quotidien.news.models import Author

pytestmark = pytest.mark.django_db


@pytest.fixture
def lebanon(make_section, make_article):
    section = make_section("Liban")
    make_article(
        section,
        "Incendie de forêt dans le Chouf",
        standfirst="Les pompiers luttent contre les flammes.",
        body=[("paragraph", "<p>Les villages du Chouf ont été évacués dans la nuit.</p>")],
    )
    make_article(section, "Récolte des olives à Hasbaya", standfirst="Une saison moyenne.")
    make_article(section, "Brouillon sur l’incendie", live=False)
    return section


def search(client, status=200, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == status
    return response.content.decode()


def refused(client, **params):
    """The page of a search whose filters are not ones: the form's messages, and a 400."""
    return search(client, 400, **params)


def test_search_finds_live_articles_by_their_words(client, lebanon):
    html = search(client, q="incendie")

    assert "Chouf" in html
    assert "Récolte des olives" not in html
    assert "Brouillon" not in html


def test_result_shows_kicker_linked_headline_date_and_marked_snippet(client, lebanon):
    html = search(client, q="villages evacues")

    assert '<p class="kicker">Liban</p>' in html
    assert 'href="/liban/' in html
    assert "<time datetime=" in html
    assert "<mark>villages</mark>" in html
    assert "<mark>évacués</mark>" in html


def test_header_box_on_every_page_leads_to_the_search(client, lebanon):
    for url in ["/", "/liban/"]:
        html = client.get(url).content.decode()
        assert 'action="/recherche/"' in html and 'name="q"' in html


def test_header_box_keeps_the_query(client, lebanon):
    html = search(client, q="incendie")

    assert 'id="recherche-q" type="search" name="q" value="incendie"' in html


def test_empty_search_asks_for_words(client, lebanon):
    assert "Saisissez un ou plusieurs mots" in search(client, q="  ")
    assert "Saisissez un ou plusieurs mots" in search(client)


@pytest.mark.parametrize(
    "query",
    [
        '"incendie',
        '"',
        "((",
        "-",
        "*",
        "incendie OR 1=1; DROP TABLE x",
        "NEAR(a b)",
        "incendie NOT forêt",
        "title:incendie",
        "'; --",
        '"prix" AND "pain" *',
        "\\",
        "é" * 150,
        "incendie -",
        "-incendie",
        "𝔄 ² ① ﬀ ـ",
        "😀 🔥",
    ],
)
def test_odd_queries_never_break_the_page(client, lebanon, query):
    response = client.get("/recherche/", {"q": query})

    assert response.status_code == 200


def test_unbalanced_quote_still_finds_the_words(client, lebanon):
    assert "Chouf" in search(client, q='"incendie chouf')


def test_too_long_query_is_refused_in_french(client, lebanon):
    assert "Votre recherche est trop longue" in search(client, q="mot " * 100)


def test_query_of_only_signs_gets_a_french_hint(client, lebanon):
    assert "ne contient que des signes" in search(client, q="« ?! »")


def test_query_of_only_stop_words_asks_for_more(client, lebanon):
    assert "mots trop courants" in search(client, q="le de la")


def test_query_of_only_exclusions_asks_for_a_word_to_find(client, lebanon):
    assert "en plus des mots à exclure" in search(client, q="-incendie")


def test_no_match_says_so(client, lebanon):
    shown = " ".join(search(client, q="tramway").split())
    assert "Aucun article ne correspond à « tramway »." in shown


def test_no_match_within_filters_says_so_and_offers_the_search_without_them(
    client, lebanon, make_section
):
    world = make_section("Monde")

    html = search(client, q="incendie", rubrique=world.pk, tri="date")

    page = lxml_html.fromstring(html)
    (notice,) = page.xpath("//p[@class='notice']")
    assert " ".join(notice.text_content().split()) == (
        "Aucun article ne correspond à « incendie » avec ces filtres. "
        "Chercher « incendie » sans ces filtres"
    )
    assert notice.xpath(".//a/@href") == ["?q=incendie"]
    assert "Incendie de forêt dans le Chouf" in search(client, q="incendie")


def test_invalid_date_gets_a_french_message(client, lebanon):
    html = refused(client, q="incendie", du="31/02/2024")

    assert "n’est pas une date" in html
    assert "Chouf" not in html


def test_reversed_dates_get_a_french_message(client, lebanon):
    html = refused(client, q="incendie", du="2024-05-01", au="2024-01-01")

    assert "doit précéder la date de fin" in html


def test_unknown_section_or_author_gets_a_french_message(client, lebanon):
    assert "Ce choix n’existe pas" in refused(client, q="incendie", rubrique="999999")
    assert "Ce choix n’existe pas" in refused(client, q="incendie", auteur="abc")
    assert "Ce choix n’existe pas" in refused(client, q="incendie", tri="hasard")


def test_section_filter_keeps_the_section_and_its_subsections(client, make_section, make_article):
    world = make_section("Monde")
    syria = make_section("Syrie", parent=world)
    sport = make_section("Sport")
    make_article(syria, "Séisme dans le nord de la Syrie")
    make_article(sport, "Un séisme secoue le championnat")

    html = search(client, q="séisme", rubrique=world.pk)

    assert "nord de la Syrie" in html
    assert "championnat" not in html


def test_author_filter_keeps_the_authors_articles(client, make_section, make_article):
    section = make_section("Liban")
    nadia = Author.objects.create(name="Nadia Khoury", slug="nadia-khoury")
    mine = make_article(section, "Coupures d’électricité à Beyrouth")
    mine.authors.set([nadia])
    mine.save_revision().publish()
    make_article(section, "Électricité : le plan du ministère")

    html = search(client, q="électricité", auteur=nadia.pk)

    assert "Coupures" in html
    assert "plan du ministère" not in html
    assert f'<option value="{nadia.pk}" selected>Nadia Khoury</option>' in html


def test_date_range_keeps_the_articles_of_those_days(client, make_section, make_article):
    section = make_section("Liban")
    make_article(section, "Budget voté cette semaine", age=timedelta(days=2))
    make_article(section, "Budget de l’an dernier", age=timedelta(days=400))
    today = timezone.localdate()
    since = (today - timedelta(days=10)).isoformat()

    html = search(client, q="budget", du=since, au=today.isoformat())

    assert "cette semaine" in html
    assert "an dernier" not in html


def test_date_range_long_ago_finds_the_articles_of_those_days(client, make_section, make_article):
    section = make_section("Liban")
    make_article(section, "Budget voté cette semaine", age=timedelta(days=2))
    old = make_article(section, "Budget de l’an dernier", age=timedelta(days=400))
    # Its day in the newsroom's time zone: a clock change since then moves it by an hour.
    last_year = timezone.localdate(old.first_published_at)

    for order in ("pertinence", "date"):
        html = search(
            client, q="budget", du=last_year.isoformat(), au=last_year.isoformat(), tri=order
        )

        assert "an dernier" in html
        assert "cette semaine" not in html


def test_sort_by_date_puts_the_newest_first(client, make_section, make_article):
    section = make_section("Liban")
    make_article(
        section, "Port : le vieux dossier", age=timedelta(days=30), standfirst="Port port port."
    )
    make_article(section, "Le port rouvre", age=timedelta(hours=1), standfirst="Un quai.")

    by_date = search(client, q="port", tri="date")
    by_relevance = search(client, q="port")

    assert by_date.index("rouvre") < by_date.index("vieux dossier")
    assert by_relevance.index("vieux dossier") < by_relevance.index("rouvre")


def test_pages_keep_the_query_and_filters(client, make_section, make_article, settings):
    section = make_section("Liban")
    for number in range(23):
        make_article(section, f"Élection municipale numéro {number}")

    first = search(client, q="élection", tri="date", rubrique=section.pk)
    second = search(client, q="élection", tri="date", rubrique=section.pk, page="2")

    assert "q=%C3%A9lection" in first and "tri=date" in first and "page=2" in first
    assert "numéro 22" in first and "numéro 2<" not in first
    assert all(f"numéro {number}<" in second for number in (2, 1, 0))
    assert "numéro 3<" not in second
    assert "23 résultats pour «\u202félection\u202f»" in first
    # Back to the first page by its own address; past the last page, to the last one.
    assert f'rel="prev" href="?q=%C3%A9lection&amp;tri=date&amp;rubrique={section.pk}"' in second
    past = client.get("/recherche/", {"q": "élection", "rubrique": section.pk, "page": "9"})
    assert past["Location"] == f"/recherche/?q=%C3%A9lection&rubrique={section.pk}&page=2"


@pytest.mark.parametrize("page", ["0", "-1", "-2"])
def test_page_numbers_below_one_lead_to_the_first_page(client, make_section, make_article, page):
    section = make_section("Liban")
    for number in range(23):
        make_article(section, f"Élection municipale numéro {number}")

    response = client.get("/recherche/", {"q": "élection", "tri": "date", "page": page})

    assert response["Location"] == "/recherche/?q=%C3%A9lection&tri=date"
    assert "numéro 22<" in client.get(response["Location"]).content.decode()


# Numbers below one: test_page_numbers_below_one_lead_to_the_first_page, with two pages.
@pytest.mark.parametrize("page", ["abc", "999", "1.5", "", "1"])
def test_odd_page_numbers_lead_to_the_page_of_results_shown(client, lebanon, page):
    response = client.get("/recherche/", {"q": "incendie", "tri": "date", "page": page})

    # One address per page of results: the caches keep it once, whatever number is typed.
    assert response.status_code == 302
    assert response["Location"] == "/recherche/?q=incendie&tri=date"
    assert "Chouf" in client.get(response["Location"]).content.decode()


def test_query_count_does_not_grow_with_results(client, make_section, make_article):
    section = make_section("Liban")
    make_article(section, "Hôpital de Tyr : urgences saturées")

    def count_queries() -> int:
        client.get("/recherche/", {"q": "hôpital"})  # warm caches (site root, etc.)
        with CaptureQueriesContext(connection) as queries:
            client.get("/recherche/", {"q": "hôpital"})
        return len(queries)

    few = count_queries()
    for number in range(15):
        make_article(section, f"Hôpitaux : réforme numéro {number}")
    many = count_queries()

    assert many == few
    assert few <= 10


def test_more_matches_than_can_be_browsed_says_so(client, make_section, make_article, monkeypatch):
    monkeypatch.setattr("quotidien.search.backends.database.MAX_MATCHES", 2)
    section = make_section("Liban")
    for number in range(3):
        make_article(section, f"Pénurie de carburant, jour {number}")

    html = search(client, q="carburant")

    assert "Plus de 2 résultats pour «\u202fcarburant\u202f»" in html


@pytest.mark.usefixtures("renditions")
def test_results_show_their_lead_picture_beside_the_headline_and_the_count(
    client, make_section, make_article
):
    section = make_section("Liban")
    image = NewsImage(title="Le port", caption="Le port de Beyrouth.", credit="ALP / Sami Frem")
    image.file = ImageFile(BytesIO(photo_jpeg("port")), name="port.jpg")
    image.save()
    make_article(section, "Le port rouvre ses quais", lead_image=image)
    make_article(section, "Port : sans photo")

    html = search(client, q="port")
    tree = lxml_html.fromstring(html)

    assert "2 résultats pour «\u202fport\u202f»" in html
    results = tree.xpath("//li[@class='search-result']")
    pictured = [r for r in results if r.xpath(".//*[@class='search-result__photo']//img")]
    assert [r.xpath("string(.//h2)") for r in pictured] == ["Le port rouvre ses quais"]
    assert "1 résultat pour «\u202fquais\u202f»" in search(client, q="quais")


def test_pictures_of_results_cost_no_query_per_result(client, make_section, make_article):
    section = make_section("Liban")

    def pictured(number):
        image = NewsImage(title=f"Photo {number}", caption="", credit="ALP")
        image.file = ImageFile(BytesIO(photo_jpeg(f"h{number}")), name=f"h{number}.jpg")
        image.save()
        make_article(section, f"Hôpital numéro {number}", lead_image=image)

    def count_queries() -> int:
        for _ in range(2):  # the first view may ask the worker for renditions
            client.get("/recherche/", {"q": "hôpital"})
        with CaptureQueriesContext(connection) as queries:
            client.get("/recherche/", {"q": "hôpital"})
        return len(queries)

    pictured(0)
    few = count_queries()
    for number in range(1, 8):
        pictured(number)

    assert count_queries() == few
