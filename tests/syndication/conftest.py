"""A small paper for the syndication tests: accents, Arabic, photos, bylines and tags."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quotidien.news.models import Agency, Author
from tests.pages import add_article, add_section, module_pages, pages_again
from tests.syndication.paper import SITE_URL, make_photo, set_dates


@pytest.fixture(autouse=True)
def _public_address(settings):
    """The paper's public address differs from the test client's host, as it may in production."""
    settings.WAGTAILADMIN_BASE_URL = SITE_URL
    settings.WAGTAIL_SITE_NAME = "Quotidien"


@pytest.fixture
def paper(home, _module_paper):
    """Liban, Monde > Syrie and an Arabic-language section, with articles of every kind:
    the module's, read afresh, or made for the test."""
    found = make_paper(home) if _module_paper is None else pages_again(_module_paper)
    return found | {"live": [found[name] for name in LIVE]}


# The paper's published articles, newest first.
LIVE = ["convoys", "power", "beirut", "water"]


def make_paper(home) -> dict:
    now = timezone.now()
    lebanon = add_section(home, "Liban")
    world = add_section(home, "Monde")
    syria = add_section(world, "Syrie")
    arabic = add_section(home, "العالم العربي", slug="monde-arabe")
    agency = Agency.objects.create(name="Agence Levant Presse", short_name="ALP", slug="alp")
    nadia = Author.objects.create(name="Nadia Khoury", slug="nadia-khoury")
    karim = Author.objects.create(name="Karim Haddad", slug="karim-haddad")

    convoys = add_article(
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

    power = add_article(
        lebanon,
        "Électricité : les coupures s’allongent à Beyrouth",
        standfirst="Dix heures sans courant par jour dans plusieurs quartiers.",
        age=timedelta(hours=5),
    )
    water = add_article(
        world, "Sommet régional sur l’eau à Amman", tags=["Eau"], age=timedelta(days=3)
    )
    beirut = add_article(
        arabic,
        "بيروت تستعد لمهرجان الربيع",
        standfirst="المدينة تتزين للاحتفال بعودة الزوار، في أجواء من التفاؤل.",
        lead_image=make_photo("mahrajan", "ساحة الشهداء قبل الافتتاح.", "MIP / رنا سعد"),
    )
    beirut.slug = "بيروت-مهرجان"
    beirut.save_revision().publish()
    beirut = set_dates(beirut, first=now - timedelta(hours=8))

    draft = add_article(world, "Brouillon qui ne doit pas sortir", live=False)
    withdrawn = add_article(lebanon, "Article retiré de la publication")
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
    }


_module_paper = module_pages(make_paper)
