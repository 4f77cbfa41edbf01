"""The public right-of-reply form: a request filed with its deadline and e-mails, and the
ways it is refused."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from quotidien.corrections.models import (
    DOCUMENT_MAX_BYTES,
    TEXT_MAX_LENGTH,
    ReplyRequest,
    reply_deadline,
)
from quotidien.french.dates import french_date
from quotidien.french.typography import french_size
from quotidien.media import private_root
from tests import races

from .conftest import PDF

pytestmark = pytest.mark.django_db
REPLY = "Je n’ai jamais tenu les propos que l’article me prête. " * 3


def send(client, target, **changes):
    data = {
        "name": "Élie Sfeir",
        "email": "elie@example.org",
        "phone": "",
        "article": f"http://testserver{target.url}",
        "text": REPLY,
        "declaration": "on",
        **changes,
    }
    return client.post("/droit-de-reponse/", {k: v for k, v in data.items() if v is not None})


def test_a_request_is_filed_with_its_deadline_and_both_e_mails(
    client, article, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            client, article, document=SimpleUploadedFile("preuve.pdf", PDF, "application/pdf")
        )
    page = client.get(response["Location"])
    html = page.content.decode()

    request = ReplyRequest.objects.get()
    assert request.article_id == article.pk and request.status == ReplyRequest.Status.RECEIVED
    assert request.deadline == request.received_at + timedelta(days=3)
    assert request.reference in html and "Nous la publierons" in html
    assert "no-cache" in page["Cache-Control"] or "private" in page["Cache-Control"]
    to_requester, to_editors = sorted(mail.outbox, key=lambda m: m.to != ["elie@example.org"])
    assert request.reference in to_requester.subject and "prévu par la loi" in to_requester.body
    # Anyone can type a name: the paper does not repeat it to whatever address was given.
    assert to_requester.body.startswith("Bonjour,") and "Sfeir" not in to_requester.body
    assert to_editors.to == [editor.email] and "à publier avant le" in to_editors.subject
    assert f"/admin/droits-de-reponse/inspect/{request.pk}/" in to_editors.body
    # The document is kept out of the public media: no address, not under MEDIA_ROOT.
    stored = private_root() / request.document.name
    assert stored.read_bytes() == PDF
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        request.document.url  # noqa: B018
    assert client.get(f"/media/{request.document.name}").status_code == 404


def test_the_form_comes_with_the_article_chosen_from_its_link(client, article):
    html = client.get(f"/droit-de-reponse/?article={article.pk}").content.decode()
    blank = client.get("/droit-de-reponse/").content.decode()

    assert f'value="http://127.0.0.1:8000{article.url}"' in html or article.url in html
    assert "Le barrage de Qaraoun se remplit" in html
    assert french_date(article.first_published_at) in html
    assert "copiée depuis votre navigateur" not in html
    assert "copiée depuis votre navigateur" in blank
    for wrong in ("abc", "99999999999999999999999", "-1", "²"):
        assert client.get(f"/droit-de-reponse/?article={wrong}").status_code == 200


def test_a_request_sent_back_with_an_error_still_names_its_article(client, article):
    response = send(client, article, name="")
    html = response.content.decode()

    assert response.status_code == 400
    assert "Votre réponse porte sur l’article" in html
    assert "Le barrage de Qaraoun se remplit" in html
    assert "copiée depuis votre navigateur" not in html


@pytest.mark.parametrize(
    "address",
    [
        "https://autre-journal.example/liban/article-1/",
        "/liban/inconnu/",
        "javascript:alert(1)",
        "http://[testserver/liban/",
    ],
)
def test_an_address_that_is_no_article_of_the_paper_is_refused(client, article, address):
    response = send(client, article, **{"article": address})

    assert response.status_code == 400
    assert "Nous ne trouvons pas cet article" in response.content.decode()
    assert not ReplyRequest.objects.exists()


def test_a_draft_article_is_refused(client, article, make_article):
    draft = make_article(article.get_parent().specific, "Brouillon", live=False)

    response = send(client, article, **{"article": f"/liban/{draft.slug}/"})

    assert response.status_code == 400 and not ReplyRequest.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("preuve.exe", b"MZ\x90\x00", "Envoyez un fichier PDF, JPEG ou PNG"),
        ("preuve.pdf", b"<html>pas un pdf</html>", "Envoyez un fichier PDF, JPEG ou PNG"),
        ("preuve.png", b"\x89PNG\r\n\x1a\n" + b"0" * DOCUMENT_MAX_BYTES, "au plus"),
    ],
)
def test_a_document_of_another_kind_or_too_big_is_refused(client, article, name, content, message):
    response = send(client, article, document=SimpleUploadedFile(name, content))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReplyRequest.objects.exists()
    # What was typed is kept.
    assert "Je n’ai jamais tenu" in response.content.decode()


def test_a_reply_too_long_is_told_its_limit_as_french_writes_numbers(client, article):
    response = send(client, article, text="a" * (TEXT_MAX_LENGTH + 1))

    page = response.content.decode().replace("\u202f", " ").replace("\xa0", " ")
    assert response.status_code == 400
    assert "Texte trop long : 10 000 caractères au plus (celui-ci en a 10 001)." in page
    assert not ReplyRequest.objects.exists()


def test_requests_from_one_address_are_limited(settings, article):
    settings.QUOTIDIEN_RATE_LIMITS = {**settings.QUOTIDIEN_RATE_LIMITS, "reply-request": (1, 3600)}
    client = Client()
    assert send(client, article).status_code == 302

    response = send(client, article, text="Une seconde réponse, sur un autre point.")

    assert response.status_code == 429 and "Trop de tentatives" in response.content.decode()
    assert ReplyRequest.objects.count() == 1


def test_the_same_request_sent_again_is_not_counted_against_the_limit(settings, article):
    """A reload after the limit is reached still leads to the receipt of the request."""
    settings.QUOTIDIEN_RATE_LIMITS = {**settings.QUOTIDIEN_RATE_LIMITS, "reply-request": (1, 3600)}
    client = Client()
    assert send(client, article).status_code == 302

    again = send(client, article)

    assert again.status_code == 302
    assert "nous était déjà parvenue" in " ".join(
        client.get(again["Location"]).content.decode().split()
    )
    assert ReplyRequest.objects.count() == 1


def test_requests_naming_one_e_mail_address_mail_it_a_few_times_an_hour(
    settings, article, django_capture_on_commit_callbacks
):
    """Each request is filed, whoever sends it: the right of reply is a legal one. But the
    address given, maybe a stranger's, gets no more acknowledgements than the limit."""
    limit, _seconds = settings.QUOTIDIEN_RATE_LIMITS["address-emails"]
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            send(Client(REMOTE_ADDR=f"192.0.2.{number + 1}"), article, text=f"{REPLY} ({number})")
            for number in range(limit + 2)
        ]

    assert [answer.status_code for answer in answers] == [302] * (limit + 2)
    assert ReplyRequest.objects.count() == limit + 2
    to_requester = [message for message in mail.outbox if message.to == ["elie@example.org"]]
    assert len(to_requester) == limit
    first, last = (Client().get(answer["Location"]) for answer in (answers[0], answers[-1]))
    assert "Un accusé de réception est envoyé à elie@example.org" in first.content.decode()
    told = " ".join(last.content.decode().split())
    assert "Aucun accusé de réception n’est envoyé cette fois-ci" in told
    # Nothing said of the mail others had that address sent.
    assert "elie@example.org" not in told
    assert ReplyRequest.objects.order_by("pk").last().reference in told


def test_the_same_request_sent_again_is_filed_once(
    article, editor, django_capture_on_commit_callbacks
):
    """A double click, or the form sent again after a reload: one legal request, one number,
    one deadline, one e-mail to each."""
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        send(client, article)
        again = send(client, article, email=" Elie@Example.org")

    assert again.status_code == 302
    [request] = ReplyRequest.objects.all()
    told = " ".join(client.get(again["Location"]).content.decode().split())
    assert request.reference in told and "nous était déjà parvenue" in told
    assert sorted(message.to[0] for message in mail.outbox) == [
        "elie@example.org",
        editor.email,
    ]
    # Another text is another request.
    assert send(client, article, text="Une autre réponse, sur un autre point.").status_code == 302
    assert ReplyRequest.objects.count() == 2


def test_a_document_sent_with_the_request_again_joins_the_first(client, article):
    send(client, article)
    send(client, article, document=SimpleUploadedFile("preuve.pdf", PDF, "application/pdf"))

    [request] = ReplyRequest.objects.all()
    assert (private_root() / request.document.name).read_bytes() == PDF


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="deux connexions à la fois : PostgreSQL"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_request_sent_twice_at_the_same_moment_is_filed_once(article, monkeypatch):
    """Both sends checked for an earlier one before either was stored: the second to store
    finds the first's number, and no second case is opened."""
    answers = races.side_by_side(
        monkeypatch,
        ReplyRequest,
        [lambda: send(Client(), article), lambda: send(Client(), article)],
    )

    assert [answer.status_code for answer in answers] == [302, 302]
    [request] = ReplyRequest.objects.all()
    pages = [Client().get(answer["Location"]).content.decode() for answer in answers]
    assert all(request.reference in page for page in pages)
    assert sum("nous était déjà parvenue" in " ".join(page.split()) for page in pages) == 1


def test_the_deadline_is_the_setting_s_number_of_days(settings):
    received = datetime(2016, 12, 7, 21, 30, tzinfo=ZoneInfo("Asia/Beirut"))
    assert reply_deadline(received) == datetime(2016, 12, 10, 21, 30, tzinfo=received.tzinfo)
    settings.QUOTIDIEN_REPLY_DEADLINE_DAYS = 8
    assert reply_deadline(received) == received + timedelta(days=8)


def test_the_name_and_phone_lose_their_control_characters_and_cannot_be_emptied(client, article):
    emptied = send(client, article, name="\x01\x02\u202e")
    assert (
        emptied.status_code == 400
        and "Ce champ est vide une fois nettoyé" in emptied.content.decode()
    )

    assert send(client, article, name="Zoé\u202eevil", phone="01\u202e 23\x01").status_code == 302

    request = ReplyRequest.objects.get()
    assert (request.name, request.phone) == ("Zoéevil", "01 23")


def test_line_breaks_count_once_against_the_length_limit(client, article, editor):
    # 100 lines as a browser sends them: 9,999 characters, 10,098 with their « \\r\\n ».
    text = "\r\n".join(["x" * 99] * 100)

    assert send(client, article, text=text).status_code == 302

    request = ReplyRequest.objects.get()
    assert len(request.text) == 9_999
    client.force_login(editor)
    published = client.post(f"/admin/droits-de-reponse/{request.pk}/publier/", {"text": text})
    assert published.status_code == 302
    assert len(request.reply.text) == 9_999


def test_a_reader_s_form_comes_with_their_name_and_e_mail(client, article, make_reader):
    reader = make_reader(
        "Zoé", email="zoe.haddad@example.org", first_name="Zoé", last_name="Haddad"
    )
    client.force_login(reader)

    html = client.get(f"/droit-de-reponse/?article={article.pk}").content.decode()

    assert 'value="Zoé Haddad"' in html and 'value="zoe.haddad@example.org"' in html


def test_errors_are_summed_up_at_the_top_each_linked_to_its_field(client, article):
    response = send(client, article, email="", declaration=None)

    html = response.content.decode()
    assert response.status_code == 400 and "<title>Erreur" in html
    summary = html[html.index('class="error-summary"') : html.index("<h1")]
    assert '<a href="#id_email">Adresse e-mail\u202f: ' in summary
    assert '<a href="#id_declaration">Déclaration\u202f: ' in summary
    # What to do, not « Champ requis ».
    assert "Cochez la case de la déclaration" in " ".join(summary.split())


def test_the_form_helps_a_phone_fill_it_in(client):
    html = client.get("/droit-de-reponse/").content.decode()

    [phone] = re.findall(r"<input[^>]*name=\"phone\"[^>]*>", html)
    assert 'inputmode="tel"' in phone and 'autocomplete="tel"' in phone
    [email] = re.findall(r"<input[^>]*name=\"email\"[^>]*>", html)
    assert 'type="email"' in email


def test_the_law_is_named_as_the_site_sets_it(client, settings):
    html = client.get("/droit-de-reponse/").content.decode()
    assert "droit de réponse prévu par la loi" in html and "1881" not in html

    settings.QUOTIDIEN_REPLY_LAW = "l’article 13 de la loi du 29 juillet 1881"
    html = client.get("/droit-de-reponse/").content.decode()
    assert "prévu par l’article 13 de la loi du 29 juillet 1881" in html


def test_sizes_are_written_in_french_decimal_units(client):
    assert [french_size(n) for n in (5_000_000, 1_230_000, 850_000, 999)] == [
        "5\xa0Mo",
        "1,2\xa0Mo",
        "850\xa0ko",
        "999\xa0octets",
    ]
    assert "5\xa0Mo au plus" in client.get("/droit-de-reponse/").content.decode()
