"""The newsroom's back office: French, with article and photo forms of the paper."""

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile

from quotidien.demo.photos import photo_jpeg
from quotidien.news.images import NewsImage
from quotidien.news.models import ArticlePage
from quotidien.news.newsroom import JOURNALISTS
from tests.news.article_form import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def journalist(client):
    user = get_user_model().objects.create_user(username="nadia", password="x-Secret-123")
    user.groups.add(Group.objects.get(name=JOURNALISTS))
    client.force_login(user)
    return user


def test_back_office_speaks_french(client, home):
    html = client.get("/admin/login/").content.decode()

    assert 'lang="fr"' in html
    assert "Se connecter" in html or "Connexion" in html


def test_journalist_gets_the_article_form_with_standfirst_and_byline(
    client, make_section, journalist
):
    section = make_section("Liban")

    response = client.get(f"/admin/pages/add/news/articlepage/{section.pk}/")
    html = response.content.decode()

    assert response.status_code == 200
    for label in ("Chapô", "Surtitre", "Photo principale", "Corps de l’article", "Auteurs"):
        assert label in html
    assert "Lire aussi" in html


def test_journalist_saves_a_draft_and_submits_it_for_review(client, make_section, journalist):
    section = make_section("Liban")
    form = article_form(
        "Pénurie de mazout dans la Békaa",
        "penurie-mazout-bekaa",
        standfirst="Les stations ferment les unes après les autres.",
        paragraph="Les files s’allongent.",
        tags="Énergie",
        **{"action-submit": "1"},
    )

    response = client.post(f"/admin/pages/add/news/articlepage/{section.pk}/", form)

    article = ArticlePage.objects.get(slug="penurie-mazout-bekaa")
    assert response.status_code == 302
    assert not article.live
    assert article.workflow_in_progress
    assert "Les files s’allongent." in str(article.get_latest_revision_as_object().body)


def test_photo_form_asks_for_caption_and_credit(client, home):
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "x-Secret-123")
    client.force_login(admin)
    photo = NewsImage(title="Port", caption="Le port au matin.", credit="ALP / Sami Frem")
    photo.file = ImageFile(BytesIO(photo_jpeg("port")), name="port.jpg")
    photo.save()

    html = client.get(f"/admin/images/{photo.pk}/").content.decode()

    assert 'name="caption"' in html and "Le port au matin." in html
    assert 'name="credit"' in html and "ALP / Sami Frem" in html
    assert "Légende" in html and "Crédit" in html


def test_an_article_is_not_its_own_read_also_pick(client, make_section, make_article):
    admin = get_user_model().objects.create_superuser("chef", "c@example.org", "x-Secret-123")
    client.force_login(admin)
    article = make_article(make_section("Liban"), "Coupures d’électricité à Beyrouth")
    other = make_article(article.get_parent().specific, "Le mazout manque dans la Békaa")
    form = article_form(
        article.title,
        article.slug,
        **{
            "related_links-TOTAL_FORMS": "2",
            "related_links-0-article": str(article.pk),
            "related_links-0-id": "",
            "related_links-0-ORDER": "1",
            "related_links-0-DELETE": "",
            "related_links-1-article": str(other.pk),
            "related_links-1-id": "",
            "related_links-1-ORDER": "2",
            "related_links-1-DELETE": "",
        },
    )

    response = client.post(f"/admin/pages/{article.pk}/edit/", form)

    assert response.status_code == 200
    assert "Un article ne se recommande pas lui-même" in response.content.decode()
    assert not article.related_links.exists()
