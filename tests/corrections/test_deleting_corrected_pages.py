"""An article or a live page that carries corrections or a published reply stays: the law
wants a reply to remain published, and a correction is the paper's word to its readers.
The back office refuses to delete it, or a section above it, and says to unpublish it."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from lxml import html
from wagtail.models import Page, ReferenceIndex

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
        text = answer.content.decode().replace("\u202f", " ").replace("\xa0", " ")
        assert "ne peut pas être supprimé" in text
        assert "Dépubliez-le" in text
    assert Page.objects.filter(pk=article.pk).exists()
    assert Correction.objects.filter(article=article).exists()


def _bulk_delete_url(*pages):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?{ids}"


@pytest.fixture
def corrected_section(article, editor, django_user_model, client):
    """The section above a corrected article, with a superuser logged in; Wagtail's
    reference index not yet told of the correction (its worker updates it later)."""
    correction = services.add_correction(article=article, text="Une date fausse.", by=editor)
    ReferenceIndex.remove_for_object(correction)
    admin = django_user_model.objects.create_superuser("chef", "chef@quotidien.example", "x")
    client.force_login(admin)
    return article.get_parent(), correction


def test_nor_is_the_section_above_it(client, article, corrected_section):
    section, _ = corrected_section

    alone = client.post(reverse("wagtailadmin_pages:delete", args=[section.pk]), follow=True)
    in_bulk = client.post(_bulk_delete_url(section, article), follow=True)

    for answer, named in ((alone, section), (in_bulk, article)):
        text = answer.content.decode().replace("\u202f", " ").replace("\xa0", " ")
        assert f"« {named.title} » ne peut pas être supprimé" in text
        assert "Dépubliez-le" in text
    assert Page.objects.filter(pk__in=[section.pk, article.pk]).count() == 2


def test_once_wagtail_knows_of_the_correction_bulk_deletion_is_not_offered(
    client, article, corrected_section
):
    section, correction = corrected_section
    ReferenceIndex.create_or_update_for_object(correction)

    asked = client.get(_bulk_delete_url(section, article))

    page = html.fromstring(asked.content)
    article_item = page.xpath(f"//main//li[a[@href='/admin/pages/{article.pk}/edit/']]")[0]
    said = " ".join(article_item.text_content().split()).replace("\xa0", " ")
    assert "Cet élément est utilisé ailleurs : il ne peut pas être supprimé." in said
    assert not page.xpath("//form//button[@type='submit']")
    client.post(_bulk_delete_url(section, article))
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
