"""The teaser is set in French typography, as the body a subscriber reads is, and ends
with an ellipsis glued to its last word."""

import pytest

from quotidien.news.models import Access
from quotidien.subscriptions.teaser import teaser_of

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

    assert "complet d’avance\u202f: «\u202fun record\u202f», dit-on…</p>" in page


BULLETIN = "<p>Le bulletin des prix, publié chaque mois par le ministère, reprend.</p>"


@pytest.mark.parametrize(
    ("words", "ending"),
    [
        # Cut mid-sentence: the ellipsis follows the last word, no space between.
        (6, "<p>Le bulletin des prix, publié chaque…</p>"),
        (7, "<p>Le bulletin des prix, publié chaque mois…</p>"),
        # Cut after a comma or a full stop: the ellipsis takes the mark's place.
        (4, "<p>Le bulletin des prix…</p>"),
        (11, "<p>Le bulletin des prix, publié chaque mois par le ministère, reprend…</p>"),
    ],
)
def test_the_ellipsis_is_glued_to_the_word_where_the_teaser_is_cut(settings, words, ending):
    settings.QUOTIDIEN_TEASER_WORDS = words

    assert teaser_of([BULLETIN]) == ending


def test_a_question_or_an_exclamation_keeps_its_mark_before_the_ellipsis(settings):
    settings.QUOTIDIEN_TEASER_WORDS = 0

    assert teaser_of(["<p>Qui paiera la facture ?</p>"]) == "<p>Qui paiera la facture ?…</p>"
    assert teaser_of(["<p>Enfin !</p>", "<p>La suite.</p>"]) == "<p>Enfin !…</p>"
