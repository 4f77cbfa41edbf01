"""Editors add corrections and handle right-of-reply requests; journalists may not."""

import re
import stat
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.models import ModelLogEntry, PageLogEntry

from quotidien.corrections import services
from quotidien.corrections.models import Correction, ReplyRequest
from quotidien.french.dates import french_datetime
from quotidien.media import private_root

from .conftest import PDF

pytestmark = pytest.mark.django_db
FACT = "Le barrage contient 220 millions de mètres cubes."


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
    assert client.get(reverse("rectificatifs:add"))["Location"] == reverse("wagtailadmin_home")

    client.force_login(editor)
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    add_url = f"{reverse('rectificatifs:add')}?article={article.pk}"
    assert "Ajouter un rectificatif" in edit_page and add_url.replace("&", "&amp;") in edit_page
    form = client.get(add_url).content.decode()
    assert f'value="{article.pk}"' in form
    # Who replies and the newsroom's note belong to a reply, which is not added here.
    assert 'name="requester_name"' not in form and 'name="editor_note"' not in form
    response = client.post(
        add_url,
        {
            "article": article.pk,
            "kind": "rectificatif",
            # 100 paragraphs as a browser sends them: 9,999 characters, 10,098 with « \\r\\n ».
            "text": "\r\n".join([f"{FACT} {FACT}"] * 100),
            "published_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
            "requester_name": "",
        },
    )

    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.article_id == article.pk and correction.created_by == editor
    assert len(correction.text) == 9_999
    history = client.get(reverse("wagtailadmin_pages:history", args=[article.pk]))
    assert "Rectificatif ajouté" in history.content.decode()


def test_journalists_neither_see_nor_handle_requests(client, journalist, reply_request):
    client.force_login(journalist)

    # The back office sends whoever may not act back to the dashboard.
    for url in (
        reverse("droits_de_reponse:index"),
        reverse("corrections_publish", args=[reply_request.pk]),
        reverse("corrections_document", args=[reply_request.pk]),
    ):
        assert client.get(url)["Location"] == reverse("wagtailadmin_home"), url
    refused = client.post(reverse("corrections_refuse", args=[reply_request.pk]), {"reason": "No"})
    assert refused["Location"] == reverse("wagtailadmin_home")
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
    # Requests change through the actions only, never as raw rows: no generic form at all.
    for action in ("new", f"edit/{late.pk}", f"delete/{late.pk}"):
        assert client.get(f"/admin/droits-de-reponse/{action}/").status_code == 404


def test_the_document_is_private_named_by_the_site_and_missing_is_a_404(
    client, editor, reply_request
):
    client.force_login(editor)
    url = reverse("corrections_document", args=[reply_request.pk])
    stored = private_root() / reply_request.document.name

    document = client.get(url)

    assert b"".join(document.streaming_content) == PDF
    assert f'filename="{reply_request.reference}.pdf"' in document["Content-Disposition"]
    assert "preuve" not in reply_request.document.name
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700
    stored.unlink()
    missing = client.get(url)
    assert missing.status_code == 404
    assert "introuvable" in missing.content.decode()


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
    notice = [str(m).strip() for m in get_messages(response.wsgi_request)]
    assert notice == ["Réponse d’Élie Sfeir publiée à la fin de l’article."]
    client.logout()
    article_page = client.get(reply_request.article.url).content.decode()
    assert "Réponse d’Élie Sfeir, publiée le" in article_page
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


def form_data(article, **changes) -> dict:
    when = timezone.localtime() - timedelta(minutes=5)
    return {
        "article": article.pk,
        "kind": "rectificatif",
        "text": "Le barrage contient 220 millions de mètres cubes.",
        "published_at": when.strftime("%d/%m/%Y %H:%M"),
        "requester_name": "",
        **changes,
    }


def errors_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_adding_refuses_a_draft_a_blank_text_and_a_future_date_beside_the_fields(
    client, article, make_article, editor
):
    draft = make_article(article.get_parent().specific, "Brouillon du soir", live=False)
    client.force_login(editor)
    add_url = reverse("rectificatifs:add")
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%d/%m/%Y %H:%M")

    assert client.get(f"{add_url}?article=99999999999999999999999").status_code == 200
    assert f'value="{draft.pk}"' not in client.get(f"{add_url}?article={draft.pk}").content.decode()
    on_draft = errors_of(client.post(add_url, form_data(draft)))
    blank = errors_of(client.post(add_url, form_data(article, text="\u200b\x01\u202e ")))
    future = errors_of(client.post(add_url, form_data(article, published_at=tomorrow)))

    assert "Choisissez un article publié" in on_draft
    assert "Le texte est vide" in blank
    assert "Cette date est dans le futur" in future
    assert not Correction.objects.exists()


def test_changing_a_correction_checks_it_keeps_its_article_and_logs_it(
    client, article, make_article, editor
):
    draft = make_article(article.get_parent().specific, "Brouillon du soir", live=False)
    correction = services.add_correction(article=article, text="Une date fausse.", by=editor)
    client.force_login(editor)
    url = reverse("rectificatifs:edit", args=[correction.pk])
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%d/%m/%Y %H:%M")

    form = client.get(url).content.decode()
    as_reply = errors_of(client.post(url, form_data(article, kind="droit_de_reponse")))
    future = errors_of(client.post(url, form_data(article, published_at=tomorrow)))
    changed = client.post(url, form_data(draft, text="La date exacte\u202e est le 7.\x01"))

    assert 'name="article"' not in form and 'value="droit_de_reponse"' not in form
    assert "droit_de_reponse" in as_reply and "Cette date est dans le futur" in future
    assert changed.status_code == 302
    correction.refresh_from_db()
    assert correction.article_id == article.pk and correction.kind == "rectificatif"
    assert correction.text == "La date exacte est le 7."
    assert PageLogEntry.objects.get(page=article, action=services.CHANGED).user == editor
    client.logout()
    assert "La date exacte est le 7." in client.get(article.url).content.decode()


def test_a_published_reply_cannot_be_deleted_other_corrections_can(client, editor, reply_request):
    reply = services.publish_reply(reply_request=reply_request, text="Ma réponse.", by=editor)
    correction = services.add_correction(
        article=reply_request.article, text="Une date fausse.", by=editor
    )
    client.force_login(editor)

    kept = client.post(reverse("rectificatifs:delete", args=[reply.pk]), follow=True)
    deleted = client.post(reverse("rectificatifs:delete", args=[correction.pk]))

    assert "la loi oblige à le laisser paraître" in kept.content.decode()
    assert deleted.status_code == 302
    assert list(Correction.objects.all()) == [reply]
    assert PageLogEntry.objects.filter(page=reply_request.article, action=services.DELETED).exists()


def test_the_list_shows_each_request_s_number_first_and_finds_it(client, editor, reply_request):
    other = ReplyRequest.objects.create(
        article=reply_request.article,
        article_title="Un autre article",
        name="Hoda Nasr",
        email="hoda@example.org",
        text="Ma réponse.",
    )
    client.force_login(editor)
    index = reverse("droits_de_reponse:index")

    listing = client.get(index).content.decode()
    found = client.get(index, {"q": reply_request.reference.lower()}).content.decode()

    table = listing[listing.index('<table class="listing') :]
    first_header = re.search(r"<th\b[^>]*>(.*?)</th>", table, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", first_header).split() == ["Numéro"]
    assert reply_request.reference in listing and other.reference in listing
    assert reply_request.reference in found and other.reference not in found


def test_a_published_reply_says_when_and_may_carry_an_editor_s_note(client, editor, reply_request):
    client.force_login(editor)
    publish = reverse("corrections_publish", args=[reply_request.pk])
    inspect = reverse("droits_de_reponse:inspect", args=[reply_request.pk])

    client.post(
        publish, {"text": "Je conteste ces chiffres.", "editor_note": "Nous les maintenons."}
    )

    page = client.get(inspect).content.decode()
    reply = Correction.objects.get()
    assert "Publiée le" in page and "À publier avant le" not in page
    assert reverse("rectificatifs:edit", args=[reply.pk]) in page
    changed = client.post(
        reverse("rectificatifs:edit", args=[reply.pk]),
        {
            "text": reply.text,
            "published_at": timezone.localtime(reply.published_at).strftime("%d/%m/%Y %H:%M"),
            "requester_name": reply.requester_name,
            "editor_note": "Nos chiffres viennent du ministère de l’Énergie.",
        },
    )
    assert changed.status_code == 302
    client.logout()
    article = client.get(reply_request.article.url).content.decode()
    assert article.index("Je conteste ces chiffres.") < article.index("Note de la rédaction")
    assert "Nos chiffres viennent du ministère de l’Énergie." in article
    # A note of the newsroom answers a reply; a correction is the newsroom's own words.
    with pytest.raises(ValidationError):
        services.add_correction(
            article=reply_request.article, text=FACT, editor_note="Une note.", by=editor
        )


def test_the_back_office_writes_labels_and_moments_as_the_site_does(client, article, editor):
    correction = services.add_correction(article=article, text=FACT, by=editor)
    client.force_login(editor)

    add_form = client.get(reverse("rectificatifs:add")).content.decode()
    listing = client.get(reverse("rectificatifs:index")).content.decode()

    assert re.search(r"<label[^>]*>\s*Article\b", add_form)
    assert french_datetime(correction.published_at) in listing


def test_a_reply_is_added_only_from_its_request_and_the_list_names_who_added_it(
    client, article, editor, reply_request
):
    editor.username = "editeur"
    editor.save()
    reply = services.publish_reply(
        reply_request=reply_request, text="Je conteste ces chiffres.", by=editor
    )
    client.force_login(editor)

    add_form = lxml_html.fromstring(client.get(reverse("rectificatifs:add")).content)
    reply_form = lxml_html.fromstring(
        client.get(reverse("rectificatifs:edit", args=[reply.pk])).content
    )
    rows = lxml_html.fromstring(client.get(reverse("rectificatifs:index")).content).xpath(
        "//table[contains(@class, 'listing')]/tbody/tr"
    )

    kinds = add_form.xpath("//select[@name='kind']/option/text()")
    assert [kind.strip() for kind in kinds] == ["Rectificatif", "Précision"]
    help_text = " ".join(add_form.xpath("//*[@id='id_published_at-helptext']")[0].itertext())
    assert "Rectificatif du" in help_text and not re.search(r"\d{4}", help_text)
    assert "Droit de réponse" in reply_form.text_content()
    assert "Rita Chidiac" in rows[0].text_content() and "editeur" not in rows[0].text_content()


def test_a_request_s_page_is_headed_by_its_number(client, editor, reply_request):
    client.force_login(editor)
    page = client.get(reverse("droits_de_reponse:inspect", args=[reply_request.pk]))
    tree = lxml_html.fromstring(page.content)

    heading = " ".join(tree.xpath("//h1")[0].text_content().split())
    assert heading == f"Demande {reply_request.reference}"
    assert "Inspecter" not in tree.xpath("//title")[0].text_content()


@pytest.mark.parametrize("second", ["publish", "refuse", "take"])
def test_a_request_decided_meanwhile_cannot_be_decided_again(
    editor, reply_request, django_capture_on_commit_callbacks, second
):
    # Two editors opened the request before either decided, or one clicked twice.
    first_view = ReplyRequest.objects.get(pk=reply_request.pk)
    second_view = ReplyRequest.objects.get(pk=reply_request.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_reply(reply_request=first_view, text="Ma réponse.", by=editor)
    mail.outbox.clear()

    decide = {
        "publish": lambda: services.publish_reply(
            reply_request=second_view, text="Ma réponse.", by=editor
        ),
        "refuse": lambda: services.refuse_reply(
            reply_request=second_view, reason="Hors délai.", by=editor
        ),
        "take": lambda: services.take_reply_request(reply_request=second_view, by=editor),
    }[second]
    with pytest.raises(ValidationError) as refused:
        with django_capture_on_commit_callbacks(execute=True):
            decide()

    assert refused.value.code == "closed"
    assert "déjà publiée" in refused.value.message
    reply_request.refresh_from_db()
    assert reply_request.status == ReplyRequest.Status.PUBLISHED
    assert reply_request.refusal_reason == ""
    assert Correction.objects.filter(reply_request=reply_request).count() == 1
    assert mail.outbox == []


def test_a_reply_refused_by_its_checks_leaves_the_request_open(editor, reply_request):
    with pytest.raises(ValidationError):
        services.publish_reply(reply_request=reply_request, text="   ", by=editor)

    assert reply_request.status == ReplyRequest.Status.RECEIVED
    reply_request.refresh_from_db()
    assert reply_request.status == ReplyRequest.Status.RECEIVED


def test_a_correction_may_not_be_dated_before_its_article(client, article, editor):
    # The article was published two days ago; a note dated before it would sort last on
    # the corrections page and in its feed, out of the readers' sight.
    client.force_login(editor)
    before = (article.first_published_at - timedelta(days=3)).astimezone(
        timezone.get_current_timezone()
    )
    correction = services.add_correction(article=article, text="Une date fausse.", by=editor)

    added = errors_of(
        client.post(
            reverse("rectificatifs:add"),
            form_data(article, published_at=before.strftime("%d/%m/%Y %H:%M")),
        )
    )
    changed = errors_of(
        client.post(
            reverse("rectificatifs:edit", args=[correction.pk]),
            form_data(article, published_at=before.strftime("%d/%m/%Y %H:%M")),
        )
    )
    with pytest.raises(ValidationError) as refused:
        services.add_correction(article=article, text="Autre.", by=editor, published_at=before)

    assert "Cette date précède la publication de l’article" in added
    assert "Cette date précède la publication de l’article" in changed
    assert refused.value.error_dict["published_at"][0].code == "before_article"
    assert list(Correction.objects.all()) == [correction]
