"""Every kind of public page is valid HTML, as the Nu Html Checker sees it."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.images import ImageFile

from quotidien.demo.photos import photo_jpeg
from quotidien.news.images import NewsImage
from quotidien.news.models import Agency, ArticleRelatedLink, Author, HomePageTopStory
from tests.html_validation import validate_html

pytestmark = pytest.mark.django_db


def make_photo(name: str, caption: str, credit: str) -> NewsImage:
    photo = NewsImage(title=caption, caption=caption, credit=credit)
    photo.file = ImageFile(BytesIO(photo_jpeg(name)), name=f"{name}.jpg")
    photo.save()
    return photo


@pytest.fixture
def newsroom(settings, tmp_path, home, make_section, make_article):
    """A small paper: Liban, Monde > Syrie, a front page and a fully dressed article."""
    settings.MEDIA_ROOT = tmp_path
    settings.QUOTIDIEN_PAGE_SIZE = 2
    lebanon = make_section("Liban", intro="L’actualité du pays.")
    world = make_section("Monde", intro="Les affaires du monde, vues de Beyrouth.")
    syria = make_section("Syrie", parent=world, intro="Chez le voisin syrien.")

    souks = make_article(
        syria,
        "La reconstruction des souks d’Alep avance",
        age=timedelta(hours=5),
        lead_image=make_photo("souks", "Un passage couvert du souk.", "MIP / Karim Haddad"),
        tags=["Alep"],
    )
    make_article(world, "Sommet régional sur l’eau à Amman", age=timedelta(hours=4))
    make_article(lebanon, "Les coupures de courant s’allongent à Beyrouth", age=timedelta(hours=3))
    story = make_article(
        syria,
        "Les premiers convois de retour franchissent la frontière",
        age=timedelta(hours=1),
        standfirst="Plusieurs centaines de familles ont pris la route du nord ce matin.",
        lead_image=make_photo("convois", "Des familles au poste-frontière.", "ALP / Sami Frem"),
        agency=Agency.objects.create(name="Agence Levant Presse", short_name="ALP", slug="alp"),
        body=[
            (
                "paragraph",
                "<p>Les véhicules <b>chargés de matelas</b> attendaient depuis l’aube.</p>",
            ),
            ("subheading", "Une attente de plusieurs heures"),
            ("quote", {"text": "Nous rentrons chez nous.\nEnfin.", "attribution": "Hala, mère"}),
            ("read_also", {"article": souks}),
            ("photo", {"image": make_photo("file", "La file des camions.", "MIP / Karim Haddad")}),
            ("paragraph", "<ul><li>Deux points de passage</li><li>Trois convois</li></ul>"),
        ],
        tags=["Réfugiés", "Frontière", "Alep"],
    )
    story.authors.set([Author.objects.create(name="Nadia Khoury", slug="nadia-khoury")])
    story.related_links.add(ArticleRelatedLink(article=souks, sort_order=0))
    story.save_revision().publish()
    HomePageTopStory.objects.create(page=home, article=story, sort_order=0)
    HomePageTopStory.objects.create(page=home, article=souks, sort_order=1)
    return {"world": world, "syria": syria, "story": story}


def fetch(client, url: str, *, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.mark.html_checker
def test_public_pages_are_valid_html(client, newsroom):
    world, story = newsroom["world"], newsroom["story"]
    pages = {
        "accueil": fetch(client, "/"),
        "rubrique Monde, page 1": fetch(client, world.url),
        "rubrique Monde, page 2": fetch(client, f"{world.url}?page=2"),
        "sous-rubrique Syrie": fetch(client, newsroom["syria"].url),
        "article": fetch(client, story.url),
        "mot-clé Alep": fetch(client, "/sujet/alep/"),
        "recherche avec résultats": fetch(client, "/recherche/?q=convois"),
        "recherche sans résultat": fetch(client, "/recherche/?q=introuvable"),
        "recherche vide": fetch(client, "/recherche/"),
        "page introuvable": fetch(client, "/cette-page-n-existe-pas/", status=404),
    }
    # What a reader sees, so that the checker looks at the pages meant.
    assert "À la une" in pages["accueil"]
    assert "Articles plus anciens" in pages["rubrique Monde, page 1"]
    assert "Articles plus récents" in pages["rubrique Monde, page 2"]
    assert (
        "Lire aussi" in pages["article"] and "Des familles au poste-frontière." in pages["article"]
    )
    assert "La reconstruction des souks d’Alep avance" in pages["mot-clé Alep"]
    assert story.title in pages["recherche avec résultats"]
    assert "Page introuvable" in pages["page introuvable"]

    errors = validate_html({**pages, "témoin invalide": "<!DOCTYPE html><p><div></p>"})

    assert errors.pop("témoin invalide"), "the checker must report the broken control document"
    invalid = {page: found for page, found in errors.items() if found}
    assert not invalid, "\n".join(f"{page}:\n  " + "\n  ".join(e) for page, e in invalid.items())
