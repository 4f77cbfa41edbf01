"""The back office's search boxes take any text: a lone quotation mark, which the search
index reads as the start of a phrase, finds what the words find instead of failing."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(editor, client):
    """The back office, as an editor."""
    return client


def test_a_search_with_an_odd_number_of_quotes_answers_in_every_search_box(
    desk, home, make_section, make_article
):
    section = make_section("Liban")
    make_article(section, "Les cèdres du Chouf sous la neige")
    boxes = [
        "/admin/images/",
        f"/admin/pages/{section.pk}/",
        "/admin/pages/search/",
        "/admin/images/chooser/",
        "/admin/choose-page/search/",
    ]

    for query in ('"cèdres', 'cèdres "Chouf', '"""', 'cèdres"', '50 % "de \\'):
        for box in boxes:
            response = desk.get(box, {"q": query})
            assert response.status_code == 200, (box, query)
    found = desk.get(f"/admin/pages/{section.pk}/", {"q": '"cèdres'}).content.decode()
    assert "Les cèdres du Chouf sous la neige" in found
