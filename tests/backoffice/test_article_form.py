"""The article form as a journalist writes in it: the headline's field, the authors' list."""

import re

import pytest

from quotidien.news.admin_forms import HeadlineInput
from quotidien.news.models import Author
from quotidien.news.newsroom import JOURNALISTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_form(client, make_member, make_section):
    client.force_login(make_member(JOURNALISTS, "Nadia Khoury", "nadia@quotidien.example"))
    section = make_section("Liban")
    return lambda: client.get(f"/admin/pages/add/news/articlepage/{section.pk}/").content.decode()


def test_headline_field_grows_with_a_long_headline_and_says_what_it_is(article_form):
    html = article_form()

    field = re.search(r'<textarea name="title"[^>]*>', html)
    assert field, "the headline's field is a growing text area, not a one-line input"
    assert 'placeholder="Titre de l’article"' in field.group()
    assert "Titre de la page" not in html
    assert "Le titre tel que les lecteurs le verront" in html


def test_authors_are_listed_in_alphabetical_order_accents_aside(article_form):
    for name, slug in [("Zeina Abi Nader", "zeina"), ("Élias Najjar", "elias"), ("Fadi", "fadi")]:
        Author.objects.create(name=name, slug=slug)

    html = article_form()

    listed = re.findall(r"(Zeina Abi Nader|Élias Najjar|Fadi)\s*</label>", html)
    assert listed == ["Élias Najjar", "Fadi", "Zeina Abi Nader"]


def test_a_headline_typed_on_two_lines_is_kept_on_one():
    value = HeadlineInput().value_from_datadict(
        {"title": "Pénurie de mazout\r\ndans la Békaa "}, {}, "title"
    )

    assert value == "Pénurie de mazout dans la Békaa"
