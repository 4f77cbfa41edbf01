"""What the newsroom types or pastes keeps no control characters: headline, kicker, standfirst,
body (paragraphs, subheadings, quotes, captions), section names."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from quotidien.news.models import ArticlePage, SectionPage
from quotidien.news.newsroom import JOURNALISTS
from tests.news.article_form import draftail

pytestmark = pytest.mark.django_db

BAD = "\x1b\x0b\x85\ufffe"


@pytest.fixture
def journalist(client):
    user = get_user_model().objects.create_user(username="nadia", password="x-Secret-123")
    user.groups.add(Group.objects.get(name=JOURNALISTS))
    client.force_login(user)
    return user


def test_article_form_takes_control_characters_out_of_every_text(client, make_section, journalist):
    section = make_section("Liban")
    form = {
        "title": f"Pénurie{BAD} de mazout",
        "slug": "penurie-mazout",
        "standfirst": f"Les stations{BAD} ferment.",
        "kicker": f"Énergie{BAD}",
        "body-count": "3",
        "body-0-type": "paragraph",
        "body-0-value": json.dumps(draftail(f"Les files{BAD} s’allongent.")),
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "body-1-type": "subheading",
        "body-1-value": f"À Zahlé{BAD}",
        "body-1-deleted": "",
        "body-1-order": "1",
        "body-1-id": "",
        "body-2-type": "quote",
        "body-2-value-text": f"On attend{BAD} depuis l’aube.",
        "body-2-value-attribution": f"Un chauffeur{BAD}",
        "body-2-deleted": "",
        "body-2-order": "2",
        "body-2-id": "",
        "tags": "",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "3",
    }

    response = client.post(f"/admin/pages/add/news/articlepage/{section.pk}/", form)

    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="penurie-mazout").get_latest_revision_as_object()
    assert article.title == article.draft_title == "Pénurie de mazout"
    assert article.standfirst == "Les stations ferment."
    assert article.kicker == "Énergie"
    paragraph, subheading, quote = article.body
    assert "Les files s’allongent." in paragraph.value.source
    assert subheading.value == "À Zahlé"
    assert quote.value["text"] == "On attend depuis l’aube."
    assert quote.value["attribution"] == "Un chauffeur"


def test_article_saved_by_code_is_cleaned_too(make_section, make_article):
    article = make_article(
        make_section("Monde"), f"Sommet{BAD} sur l’eau", standfirst=f"Amman{BAD}."
    )

    article.refresh_from_db()
    assert article.title == "Sommet sur l’eau"
    assert article.standfirst == "Amman."


def test_section_name_and_presentation_are_cleaned(make_section):
    section = make_section(f"Économie{BAD}", slug="economie", intro=f"Les marchés{BAD}.")

    section = SectionPage.objects.get(pk=section.pk)
    assert section.title == "Économie"
    assert section.intro == "Les marchés."


def test_tabs_and_line_breaks_of_a_standfirst_stay(make_section, make_article):
    article = make_article(make_section("Monde"), "Sommet", standfirst="Une ligne.\nUne autre.")

    article.refresh_from_db()
    assert article.standfirst == "Une ligne.\nUne autre."
