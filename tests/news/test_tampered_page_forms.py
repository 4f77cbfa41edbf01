"""A page form posted with values the form never offers (a photo named by a word, a body
whose block count is missing or absurd, an author's number beyond any database integer)
is sent back with a French error, and no page is made."""

import html
import json

import pytest
from django.test import Client
from wagtail.models import get_page_models

from quotidien.news.admin_forms import PostedPageForm
from quotidien.news.models import ArticlePage
from quotidien.news.newsroom import JOURNALISTS
from tests.news.test_back_office_writing import add_url, article_form, member

pytestmark = pytest.mark.django_db
HEADLINE = "Les pêcheurs de Tyr rentrent au port"
TAMPERED = {
    "une photo nommée par un mot": {"lead_image": "abc"},
    "une agence nommée par un mot": {"agency": "x"},
    "un nombre de blocs qui n’est pas un nombre": {"body-count": "x"},
    "un nombre de blocs absurde": {"body-count": "99999999"},
    "un auteur hors des entiers": {"authors": "99999999999999999999"},
}


def shows(page: str, text: str) -> bool:
    """Whether `text` is on the page, in its HTML or in a block's data (JSON, as the body's
    errors are)."""
    return text in page or json.dumps(text)[1:-1] in html.unescape(page)


def test_a_tampered_article_form_is_sent_back_with_an_error(client, make_section):
    section = make_section("Liban")
    journalist = member(JOURNALISTS, "nadia")
    client.force_login(journalist)
    quiet = Client(raise_request_exception=False)
    quiet.force_login(journalist)
    without_count = article_form(HEADLINE)
    del without_count["body-count"]
    posts = {name: article_form(HEADLINE, **fields) for name, fields in TAMPERED.items()}
    posts["sans nombre de blocs"] = without_count

    answers = {name: quiet.post(add_url(section), data) for name, data in posts.items()}

    assert {name: answer.status_code for name, answer in answers.items()} == dict.fromkeys(
        posts, 200
    )
    for name, answer in answers.items():
        page = answer.content.decode()
        assert "La page ne peut être créée" in page, name
        assert shows(page, "n’est pas arrivé tel que le formulaire l’envoie"), name
    assert not ArticlePage.objects.filter(title=HEADLINE).exists()
    # The same form, untouched, makes the article.
    assert client.post(add_url(section), article_form(HEADLINE)).status_code == 302


def test_every_page_type_of_the_paper_answers_a_tampered_post_with_errors():
    ours = [model for model in get_page_models() if model.__module__.startswith("quotidien.")]

    assert len(ours) >= 5
    assert [m for m in ours if not issubclass(m.base_form_class, PostedPageForm)] == []
