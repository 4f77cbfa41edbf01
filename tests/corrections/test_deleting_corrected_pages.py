"""An article or a live page that carries corrections or a published reply stays: the law
wants a reply to remain published, and a correction is the paper's word to its readers.
The back office refuses to delete it, or a section above it, and says to unpublish it."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.models import Page

from quotidien.corrections import services
from quotidien.corrections.models import Correction

pytestmark = pytest.mark.django_db


def test_a_corrected_article_is_not_deleted_and_the_editor_is_told_why(client, article, editor):
    services.add_correction(article=article, text="Une date fausse.", by=editor)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:delete", args=[article.pk])

    asked = client.get(url, follow=True)
    confirmed = client.post(url, follow=True)

    for answer in (asked, confirmed):
        text = answer.content.decode().replace("\u202f", " ")
        assert "ne peut pas être supprimé" in text
        assert "Dépubliez-le" in text
    assert Page.objects.filter(pk=article.pk).exists()
    assert Correction.objects.filter(article=article).exists()


def test_nor_is_the_section_above_it(client, article, editor, django_user_model):
    services.add_correction(article=article, text="Une date fausse.", by=editor)
    section = article.get_parent()
    admin = django_user_model.objects.create_superuser("chef", "chef@quotidien.example", "x")
    client.force_login(admin)

    client.post(reverse("wagtailadmin_pages:delete", args=[section.pk]), follow=True)
    client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id={section.pk}&id={article.pk}",
        follow=True,
    )

    assert Page.objects.filter(pk__in=[section.pk, article.pk]).count() == 2


def test_deleting_it_in_code_is_refused_too(article, editor):
    services.add_correction(article=article, text="Une date fausse.", by=editor)

    with pytest.raises(ProtectedError):
        article.delete()


def test_an_article_without_corrections_is_deleted_as_before(
    client, article, editor, django_user_model
):
    admin = django_user_model.objects.create_superuser("chef", "chef@quotidien.example", "x")
    client.force_login(admin)

    client.post(reverse("wagtailadmin_pages:delete", args=[article.pk]))

    assert not Page.objects.filter(pk=article.pk).exists()
