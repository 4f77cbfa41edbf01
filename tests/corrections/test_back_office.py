"""Editors add corrections and handle right-of-reply requests; journalists may not."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from quotidien.corrections import services
from quotidien.corrections.models import Correction, ReplyRequest

from .conftest import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply_request(article):
    request = ReplyRequest.objects.create(
        article=article,
        article_title=article.title,
        name="Élie Sfeir",
        email="elie@example.org",
        text="Je conteste les chiffres cités.",
    )
    request.document.save("preuve.pdf", ContentFile(PDF))
    return request


def test_editors_add_a_correction_from_the_article_journalists_may_not(
    client, article, editor, journalist
):
    client.force_login(journalist)
    assert (
        "Ajouter un rectificatif"
        not in client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    )
    assert client.get(reverse("rectificatifs:add")).status_code in (302, 403)

    client.force_login(editor)
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    add_url = f"{reverse('rectificatifs:add')}?article={article.pk}"
    assert "Ajouter un rectificatif" in edit_page and add_url.replace("&", "&amp;") in edit_page
    assert f'value="{article.pk}"' in client.get(add_url).content.decode()
    response = client.post(
        add_url,
        {
            "article": article.pk,
            "kind": "rectificatif",
            "text": "Le barrage contient 220 millions de mètres cubes.",
            "published_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
            "requester_name": "",
        },
    )

    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.article == article and correction.created_by == editor
    history = client.get(reverse("wagtailadmin_pages:history", args=[article.pk]))
    assert "Rectificatif ajouté" in history.content.decode()


def test_journalists_neither_see_nor_handle_requests(client, journalist, reply_request):
    client.force_login(journalist)

    for url in (
        reverse("droits_de_reponse:index"),
        reverse("corrections_publish", args=[reply_request.pk]),
        reverse("corrections_document", args=[reply_request.pk]),
    ):
        assert client.get(url).status_code in (302, 403)
    assert client.post(
        reverse("corrections_refuse", args=[reply_request.pk]), {"reason": "Non."}
    ).status_code in (302, 403)
    reply_request.refresh_from_db()
    assert reply_request.status == ReplyRequest.Status.RECEIVED


def test_requests_are_listed_by_deadline_the_late_ones_marked(client, editor, reply_request):
    late = ReplyRequest.objects.create(
        article=reply_request.article,
        article_title="Un autre article",
        name="Hoda Nasr",
        email="hoda@example.org",
        text="Ma réponse.",
        received_at=timezone.now() - timedelta(days=4),
    )
    client.force_login(editor)

    listing = client.get(reverse("droits_de_reponse:index")).content.decode()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert listing.index("Hoda Nasr") < listing.index("Élie Sfeir")
    assert listing.count("En retard") == 1
    assert late.reference in dashboard and reply_request.reference in dashboard
    # Requests change through the actions only, never as raw rows.
    assert client.get(reverse("droits_de_reponse:edit", args=[late.pk])).status_code in (302, 403)
    document = client.get(reverse("corrections_document", args=[reply_request.pk]))
    assert b"".join(document.streaming_content) == PDF


def test_publishing_the_reply_puts_it_on_the_article_and_tells_the_requester(
    client, editor, reply_request, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    url = reverse("corrections_publish", args=[reply_request.pk])
    assert "Je conteste les chiffres cités." in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"text": "Je conteste les chiffres cités par l’article."})

    assert response.status_code == 302
    reply_request.refresh_from_db()
    reply = reply_request.reply
    assert reply_request.status == ReplyRequest.Status.PUBLISHED
    assert reply.kind == Correction.Kind.REPLY and reply.requester_name == "Élie Sfeir"
    (message,) = mail.outbox
    assert message.to == ["elie@example.org"] and f"#{reply.anchor}" in message.body
    client.logout()
    article_page = client.get(reply_request.article.url).content.decode()
    assert "Droit de réponse de Élie Sfeir, le" in article_page
    actions = ModelLogEntry.objects.for_instance(reply_request).values_list("action", flat=True)
    assert services.REQUEST_PUBLISHED in actions


def test_refusing_needs_a_reason_which_the_requester_is_sent(
    client, editor, reply_request, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    url = reverse("corrections_refuse", args=[reply_request.pk])

    refused = client.post(url, {"reason": " "}).content.decode()
    assert "Donnez le motif du refus" in refused
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "La réponse met en cause un tiers."})

    reply_request.refresh_from_db()
    assert reply_request.status == ReplyRequest.Status.REFUSED
    (message,) = mail.outbox
    assert "La réponse met en cause un tiers." in message.body
    inspect = client.get(reverse("droits_de_reponse:inspect", args=[reply_request.pk]))
    assert "Demande refusée" in inspect.content.decode()
    assert "Publier la réponse" not in inspect.content.decode()
