"""The teaser is set in French typography, as the body a subscriber reads is."""

import pytest

from quotidien.news.models import Access

pytestmark = pytest.mark.django_db


def test_the_teaser_gets_the_typography_of_the_full_text(client, make_section, make_article):
    economy = make_section("Économie", slug="economie", access=Access.SUBSCRIBERS)
    article = make_article(
        economy,
        body=[
            ("paragraph", '<p>Les hôtels affichent complet d\'avance : "un record", dit-on.</p>'),
            ("paragraph", "<p>La suite est réservée aux abonnés.</p>"),
        ],
    )

    page = client.get(article.url).content.decode()

    assert "complet d’avance\u202f: «\u202fun record\u202f», dit-on\u00a0…</p>" in page
