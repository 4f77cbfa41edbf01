"""Bylines as the newsroom's staff find them: an author linked to the account that writes
under their name, whose new articles start signed by them."""

import re

import pytest
from django.urls import reverse

from quotidien.news.models import ArticlePage, Author
from quotidien.news.newsroom import JOURNALISTS
from tests.news.article_form import article_form

pytestmark = pytest.mark.django_db


def ticked_authors(html: str) -> list[str]:
    """The names ticked in the article form's byline."""
    return re.findall(
        r'<input type="checkbox" name="authors"[^>]*checked[^>]*>\s*([^<]+?)\s*<', html
    )


def add_article_url(section) -> str:
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))


def test_a_new_article_starts_signed_by_the_journalist_who_writes_it(
    client, make_section, journalist
):
    Author.objects.create(name="Nadia Khoury", slug="nadia-khoury", user=journalist)
    Author.objects.create(name="Karim Haddad", slug="karim-haddad")

    html = client.get(add_article_url(make_section("Liban"))).content.decode()

    assert ticked_authors(html) == ["Nadia Khoury"]


def test_a_journalist_adds_a_co_author_beside_their_own_name(client, make_section, journalist):
    own = Author.objects.create(name="Nadia Khoury", slug="nadia-khoury", user=journalist)
    other = Author.objects.create(name="Karim Haddad", slug="karim-haddad")
    section = make_section("Liban")

    form = article_form("Le port rouvre ses quais", authors=[own.pk, other.pk])
    response = client.post(add_article_url(section), form)

    assert response.status_code == 302
    article = ArticlePage.objects.get(title="Le port rouvre ses quais")
    assert set(article.authors.values_list("slug", flat=True)) == {"nadia-khoury", "karim-haddad"}


def test_an_account_without_an_author_finds_no_byline_ticked(client, make_section, editor):
    Author.objects.create(name="Karim Haddad", slug="karim-haddad")

    html = client.get(add_article_url(make_section("Liban"))).content.decode()

    assert ticked_authors(html) == []


def test_an_existing_article_keeps_its_byline(client, make_section, make_article, journalist):
    Author.objects.create(name="Nadia Khoury", slug="nadia-khoury", user=journalist)
    other = Author.objects.create(name="Karim Haddad", slug="karim-haddad")
    article = make_article(make_section("Liban"), owner=journalist)
    article.authors.set([other])
    article.save_revision().publish()

    html = client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()

    assert ticked_authors(html) == ["Karim Haddad"]


def test_the_author_form_offers_the_newsroom_staff_not_the_readers(
    client, editor, make_member, make_reader
):
    make_member(JOURNALISTS, "Nadia Khoury", "nadia@quotidien.example")
    make_reader("Samir D.", email="samir@example.org")
    author = Author.objects.create(name="Nadia Khoury", slug="nadia-khoury")

    url = reverse("wagtailsnippets_news_author:edit", args=(author.pk,))
    html = client.get(url).content.decode()

    select = re.search(r'<select name="user".*?</select>', html, re.S).group()
    assert "Nadia Khoury (nadia@quotidien.example)" in select
    assert "Rita Chidiac" in select  # the editor
    assert "Samir" not in select


def test_an_editor_links_an_author_to_a_journalist_account(client, editor, make_member):
    nadia = make_member(JOURNALISTS, "Nadia Khoury", "nadia@quotidien.example")
    author = Author.objects.create(name="Nadia Khoury", slug="nadia-khoury")

    url = reverse("wagtailsnippets_news_author:edit", args=(author.pk,))
    fields = {"name": author.name, "slug": author.slug, "role": "", "bio": "", "photo": ""}
    response = client.post(url, {**fields, "user": nadia.pk})

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.user == nadia


def test_the_demo_journalist_writes_as_their_author(home):
    from quotidien.demo.loader import _ensure_accounts

    Author.objects.create(name="Nadia Khoury", slug="nadia-khoury")

    _ensure_accounts()
    _ensure_accounts()  # loading the demo again changes nothing

    assert Author.objects.get(slug="nadia-khoury").user.username == "journaliste"
