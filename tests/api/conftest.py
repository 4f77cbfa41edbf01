"""Fixtures for the API: a small published paper, a photo, an agency with a push token."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image

from quotidien.ingest.tokens import create_wire_token
from quotidien.news.images import NewsImage
from quotidien.news.models import Agency, Author
from tests.api.address import SITE_URL


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _paper_address(settings):
    """The paper's public address differs from the host the test client names."""
    settings.WAGTAILADMIN_BASE_URL = SITE_URL


@pytest.fixture
def api_client() -> Client:
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def photo(db) -> NewsImage:
    buffer = BytesIO()
    Image.new("RGB", (320, 180), (30, 90, 160)).save(buffer, "JPEG")
    image = NewsImage(
        title="Corniche", caption="La corniche au coucher du soleil.", credit="ALP / Sami Frem"
    )
    image.file = ImageFile(BytesIO(buffer.getvalue()), name="corniche.jpg")
    image.save()
    return image


@pytest.fixture
def agency(db) -> Agency:
    return Agency.objects.create(name="Agence Levant Presse", short_name="ALP", slug="alp")


@pytest.fixture
def paper(home, make_section, make_article, photo, agency):
    """Two sections (one nested), four live articles, one draft."""
    monde = make_section("Monde", slug="monde")
    syrie = make_section("Syrie", parent=monde, slug="syrie")
    economie = make_section("Économie", slug="economie")
    author = Author.objects.create(name="Nadia Khoury", slug="nadia-khoury")
    lead = make_article(
        monde,
        "Sommet régional sur l’eau",
        age=timedelta(hours=1),
        tags=["Eau", "Diplomatie"],
        lead_image=photo,
        agency=agency,
        standfirst="Les ministres de cinq pays se retrouvent pour parler des fleuves partagés.",
        body=[
            ("paragraph", "<p>Les ministres se sont retrouvés <b>lundi</b>.</p>"),
            ("subheading", "Un accord en vue"),
            ("quote", {"text": "Personne ne gagne seul.", "attribution": "Un négociateur"}),
            ("photo", {"image": photo, "caption": ""}),
        ],
    )
    lead.authors.add(author)
    lead.save_revision().publish()
    articles = {
        "lead": lead,
        "syrie": make_article(syrie, "Reprise des vols vers Alep", age=timedelta(days=2)),
        "economie": make_article(
            economie, "La livre se stabilise", age=timedelta(days=3), tags=["Monnaie"]
        ),
        "ancien": make_article(economie, "Un ancien article", age=timedelta(days=30)),
        "brouillon": make_article(economie, "Brouillon non publié", live=False),
    }
    return {"sections": {"monde": monde, "syrie": syrie, "economie": economie}, **articles}


@pytest.fixture
def wire_token(agency) -> str:
    token, _record = create_wire_token(agency=agency, label="test")
    return token
