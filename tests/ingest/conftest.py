"""Fixtures for the wire desk: agencies, sections, mappings and the sample wires on disk."""

import shutil
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from quotidien.ingest.models import AgencyFeed, SubjectMapping
from quotidien.news.models import Agency

SAMPLES = Path(__file__).parent / "wires"


def jpeg_bytes(colour: tuple[int, int, int], size=(64, 36)) -> bytes:
    """A small JPEG of one colour (different colours give different files)."""
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def wires(tmp_path) -> Path:
    """A copy of the sample wires, with the pictures the agencies deliver beside them."""
    folder = tmp_path / "wires"
    shutil.copytree(SAMPLES, folder)
    (folder / "ninjs1" / "alp-port.jpg").write_bytes(jpeg_bytes((20, 60, 120)))
    (folder / "newsml" / "alp-festival.jpg").write_bytes(jpeg_bytes((150, 90, 30)))
    return folder


@pytest.fixture
def alp(db) -> Agency:
    return Agency.objects.create(name="Agence Levant Presse", short_name="ALP", slug="alp")


@pytest.fixture
def nws(db) -> Agency:
    return Agency.objects.create(name="Northwind Wire Service", short_name="NWS", slug="nws")


@pytest.fixture
def desk(home, make_section, alp, nws):
    """Sections, feeds and mappings as an editor would set them up."""
    sections = {
        "economie": make_section("Économie", slug="economie"),
        "culture": make_section("Culture", slug="culture"),
        "liban": make_section("Liban", slug="liban"),
        "monde": make_section("Monde", slug="monde"),
    }
    AgencyFeed.objects.create(
        agency=alp, arrival=AgencyFeed.Arrival.PUBLISH, default_section=sections["liban"]
    )
    AgencyFeed.objects.create(
        agency=nws, arrival=AgencyFeed.Arrival.PUBLISH, default_section=sections["monde"]
    )
    SubjectMapping.objects.create(
        code="medtop:20000349", section=sections["economie"], tags="Transport maritime, Port"
    )
    SubjectMapping.objects.create(
        agency=alp, code="medtop:01000000", section=sections["culture"], tags="Festivals"
    )
    SubjectMapping.objects.create(code="Élections municipales", tags="Municipales 2024")
    SubjectMapping.objects.create(code="medtop:20000420", tags="Eau")
    return sections
