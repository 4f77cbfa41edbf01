"""A small paper for the syndication tests: accents, Arabic, photos, bylines and tags."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quotidien.news.models import Agency, Author
from tests.syndication.paper import SITE_URL, make_photo, set_dates


@pytest.fixture(autouse=True)
def _public_address(settings):
    """The paper's public address differs from the test client's host, as it may in production."""
    settings.WAGTAILADMIN_BASE_URL = SITE_URL
    settings.WAGTAIL_SITE_NAME = "Quotidien"


@pytest.fixture
def paper(home, make_section, make_article):
    """Liban, Monde > Syrie and an Arabic-language section, with articles of every kind."""
    now = timezone.now()
    lebanon = make_section("Liban")
    world = make_section("Monde")
    syria = make_section("Syrie", parent=world)
    arabic = make_section("العالم العربي", slug="monde-arabe")
    agency = Agency.objects.create(name="Agence Levant Presse", short_name="ALP", slug="alp")
    nadia = Author.objects.create(name="Nadia Khoury", slug="nadia-khoury")
    karim = Author.objects.create(name="Karim Haddad", slug="karim-haddad")

    convoys = make_article(
        syria,
        "Les premiers convois de retour franchissent la frontière",
        standfirst="Plusieurs centaines de familles ont pris la route du nord, à l’aube.",
        lead_image=make_photo("convois", "Des familles au poste-frontière.", "ALP / Sami Frem"),
        agency=agency,
        tags=["Réfugiés", "Frontière"],
    )
    convoys.authors.set([nadia, karim])
    convoys.save_revision().publish()
    convoys = set_dates(convoys, first=now - timedelta(hours=2), last=now - timedelta(minutes=30))

    power = make_article(
        lebanon,
        "Électricité : les coupures s’allongent à Beyrouth",
        standfirst="Dix heures sans courant par jour dans plusieurs quartiers.",
        age=timedelta(hours=5),
    )
    water = make_article(
        world, "Sommet régional sur l’eau à Amman", tags=["Eau"], age=timedelta(days=3)
    )
    beirut = make_article(
        arabic,
        "بيروت تستعد لمهرجان الربيع",
        standfirst="المدينة تتزين للاحتفال بعودة الزوار، في أجواء من التفاؤل.",
        lead_image=make_photo("mahrajan", "ساحة الشهداء قبل الافتتاح.", "MIP / رنا سعد"),
    )
    beirut.slug = "بيروت-مهرجان"
    beirut.save_revision().publish()
    beirut = set_dates(beirut, first=now - timedelta(hours=8))

    draft = make_article(world, "Brouillon qui ne doit pas sortir", live=False)
    withdrawn = make_article(lebanon, "Article retiré de la publication")
    withdrawn.unpublish()
    return {
        "lebanon": lebanon,
        "world": world,
        "syria": syria,
        "arabic": arabic,
        "convoys": convoys,
        "power": power,
        "water": water,
        "beirut": beirut,
        "draft": draft,
        "withdrawn": withdrawn,
        "live": [convoys, power, beirut, water],  # newest first
    }
