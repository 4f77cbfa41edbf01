"""The back office's sentences around an article as a French newsroom reads them: the new
article's title, and its submission « à la relecture »."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Workflow

from quotidien.news.models import Author
from quotidien.news.newsroom import EDITORS, REVIEW_WORKFLOW

pytestmark = pytest.mark.django_db


def test_a_new_article_is_titled_nouvel_article_and_goes_to_review(
    client, make_section, journalist
):
    section = make_section("Liban")

    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    html = client.get(url).content.decode()

    assert "<title>Nouvel article" in html
    assert "Nouvel article</h1>" in html.replace("\n", "").replace("  ", "")
    assert "Nouveau: " not in html
    assert "Soumettre à la relecture" in html
    assert "Soumettre à Relecture" not in html


def test_a_new_section_is_titled_nouvelle_rubrique(client, home, editor):
    url = reverse("wagtailadmin_pages:add", args=("news", "sectionpage", home.pk))
    html = client.get(url).content.decode()

    assert "<title>Nouvelle rubrique" in html
    assert "Nouveau: " not in html


def test_an_article_sent_back_is_submitted_again_to_review(
    client, make_section, make_article, journalist, make_member
):
    editor = make_member(EDITORS, "Rita Chidiac", "rita@quotidien.example")
    article = make_article(make_section("Liban"), owner=journalist, live=False)
    state = Workflow.objects.get(name=REVIEW_WORKFLOW).start(article, journalist)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "reject")

    html = client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()

    assert "Soumettre de nouveau à la relecture" in html
    assert "Resoumettre" not in html


def test_a_title_joined_to_its_object_has_a_french_colon(client, editor):
    author = Author.objects.create(name="Karim Haddad", slug="karim-haddad")

    html = client.get(reverse("wagtailsnippets_news_author:edit", args=(author.pk,)))

    title = re.search(r"<title>(.*?)</title>", html.content.decode(), re.S).group(1)
    assert "\u202f: Karim Haddad" in title
    assert ": Karim Haddad" not in title.replace("\u202f:", "")
