"""The article page shows the whole anatomy of a daily's article."""

import re
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from django.core.files.images import ImageFile

from quotidien.demo.photos import photo_jpeg
from quotidien.news.images import NewsImage
from quotidien.news.models import Agency, ArticlePage, ArticleRelatedLink, Author

pytestmark = pytest.mark.django_db


def make_photo(name: str, caption: str, credit: str) -> NewsImage:
    photo = NewsImage(title=name, caption=caption, credit=credit)
    photo.file = ImageFile(BytesIO(photo_jpeg(name)), name=f"{name}.jpg")
    photo.save()
    return photo


@pytest.fixture
def syria(make_section):
    world = make_section("Monde")
    return make_section("Syrie", parent=world)


@pytest.fixture
def story(syria, make_article):
    other = make_article(syria, "La reconstruction des souks d’Alep avance")
    return make_article(
        syria,
        "Les premiers convois de retour franchissent la frontière",
        standfirst="Plusieurs centaines de familles ont pris la route du nord ce matin.",
        lead_image=make_photo("convois", "Des familles au poste-frontière.", "ALP / Sami Frem"),
        agency=Agency.objects.create(name="Agence Levant Presse", short_name="ALP", slug="alp"),
        body=[
            ("paragraph", "<p>Les véhicules chargés de matelas attendaient depuis l’aube.</p>"),
            ("subheading", "Une attente de plusieurs heures"),
            ("quote", {"text": "Nous rentrons chez nous.", "attribution": "Hala, mère de trois"}),
            ("read_also", {"article": other}),
            (
                "photo",
                {"image": make_photo("file", "La file des camions.", "MIP / Karim Haddad")},
            ),
        ],
        tags=["Réfugiés", "Frontière"],
    )


def test_article_page_shows_the_anatomy_of_a_daily(client, story):
    Author.objects.create(name="Nadia Khoury", slug="nadia-khoury")
    story.authors.set(Author.objects.all())
    story.save_revision().publish()

    html = client.get(story.url).content.decode()

    assert '<html lang="fr"' in html
    assert 'role="search"' in html and "Rechercher" in html
    assert ">Monde - Syrie<" in html
    assert (
        '<h1 class="article__title">Les premiers convois de retour franchissent la frontière'
        in html
    )
    assert "Plusieurs centaines de familles ont pris la route du nord ce matin." in html
    assert "Des familles au poste-frontière." in html and "ALP / Sami Frem" in html
    assert '<h2 class="intertitre">Une attente de plusieurs heures</h2>' in html
    assert "Nous rentrons chez nous." in html and "Hala, mère de trois" in html
    assert (
        "(Lire aussi : <a href=" in html
        and "La reconstruction des souks d’Alep avance</a>)" in html
    )
    assert "La file des camions." in html and "MIP / Karim Haddad" in html
    assert re.search(
        r'Par <a class="author" href="/auteurs/nadia-khoury/"[^>]*>Nadia Khoury</a>'
        r' et <abbr class="agency"',
        html,
    )
    assert "Publié le" in html
    assert '<a href="/sujet/refugies/">Réfugiés</a>' in html
    assert "Retour en haut" in html


def test_kicker_is_the_section_trail_unless_the_editor_overrides_it(client, story):
    story.kicker = "À La Une - Syrie"
    story.save_revision().publish()

    html = client.get(story.url).content.decode()

    kicker = html.split('<p class="kicker">')[1].split("</p>")[0]
    assert kicker == '<a href="/monde/syrie/">À La Une - Syrie</a>'


def test_publication_date_is_french_in_the_newsroom_time_zone(client, syria, make_article):
    article = make_article(syria)
    published = datetime(2016, 12, 6, 19, 30, tzinfo=UTC)
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=published, last_published_at=published
    )

    html = client.get(article.url).content.decode()

    assert "Publié le <time" in html and "6 décembre 2016 à 21 h 30</time>" in html
    assert "Mis à jour le" not in html


def test_update_date_appears_when_edited_after_publication(client, syria, make_article):
    article = make_article(syria, age=timedelta(days=2))
    article.title = "Titre corrigé"
    article.save_revision().publish()

    html = client.get(article.url).content.decode()

    assert "Titre corrigé" in html
    assert "Mis à jour le" in html


def test_inline_read_also_to_an_unpublished_article_is_not_shown(client, story):
    target = story.body[3].value["article"]
    target.unpublish()

    html = client.get(story.url).content.decode()

    assert "Lire aussi :" not in html
    assert target.title not in html


def test_end_read_also_puts_editor_picks_first_then_same_tags(client, syria, make_article):
    article = make_article(syria, "Sujet", tags=["Eau"])
    pick = make_article(syria, "Choix de l’éditeur", age=timedelta(days=30))
    make_article(syria, "Même mot-clé", tags=["Eau"], age=timedelta(days=20))
    make_article(syria, "Même rubrique récente", age=timedelta(minutes=5))
    article.related_links.add(ArticleRelatedLink(article=pick))
    article.save_revision().publish()

    response = client.get(article.url)

    titles = [related.title for related in response.context["related_articles"]]
    assert titles == ["Choix de l’éditeur", "Même mot-clé", "Même rubrique récente"]


def test_end_read_also_never_lists_the_article_itself_or_unpublished_ones(
    client, syria, make_article
):
    article = make_article(syria, "Sujet", tags=["Eau"])
    draft = make_article(syria, "Brouillon", tags=["Eau"], live=False)
    withdrawn = make_article(syria, "Retiré", tags=["Eau"])
    withdrawn.unpublish()
    article.related_links.add(ArticleRelatedLink(article=withdrawn))
    article.save_revision().publish()

    related = client.get(article.url).context["related_articles"]

    assert related == []
    assert draft.title not in client.get(article.url).content.decode()


def test_unknown_article_gives_a_french_404(client, home):
    response = client.get("/monde/nulle-part/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_end_read_also_lists_exactly_three_articles(client, syria, make_article):
    article = make_article(syria, "Sujet", tags=["Eau", "Feu"])
    picks = [make_article(syria, f"Choix {n}") for n in range(2)]
    for n in range(4):
        make_article(syria, f"Même mot-clé {n}", tags=["Eau"])
    for order, pick in enumerate(picks):
        article.related_links.add(ArticleRelatedLink(article=pick, sort_order=order))
    article.save_revision().publish()

    related = client.get(article.url).context["related_articles"]

    assert [a.title for a in related] == ["Choix 0", "Choix 1", "Même mot-clé 3"]


def test_end_read_also_ranks_by_tags_shared_then_section_then_date(
    client, syria, make_section, make_article
):
    lebanon = make_section("Liban")
    article = make_article(syria, "Sujet", tags=["Eau", "Feu"])
    make_article(lebanon, "Un mot-clé, ailleurs, récent", tags=["Eau"], age=timedelta(days=1))
    make_article(syria, "Un mot-clé, même rubrique", tags=["Feu"], age=timedelta(days=9))
    make_article(lebanon, "Deux mots-clés, ancien", tags=["Eau", "Feu"], age=timedelta(days=60))

    related = client.get(article.url).context["related_articles"]

    assert [a.title for a in related] == [
        "Deux mots-clés, ancien",
        "Un mot-clé, même rubrique",
        "Un mot-clé, ailleurs, récent",
    ]
