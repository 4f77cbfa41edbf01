"""« Mon compte »: a reader changes their name, password and address, downloads their data
and closes their account."""

import json
import re
import time
from datetime import timedelta
from html import unescape

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from quotidien.accounts import services
from quotidien.accounts.tokens import reader_for_token, reader_token
from quotidien.comments.models import Comment
from quotidien.subscriptions import services as subscription_services
from quotidien.subscriptions.models import Plan, Price, Subscription, SubscriptionRequest

pytestmark = pytest.mark.django_db
ACCOUNT = "/compte/"
PASSWORD_CHANGE = "/compte/changer-mot-de-passe/"
EMAIL_CHANGE = "/compte/adresse/"
DATA = "/compte/donnees/"
DELETE = "/compte/supprimer/"
PASSWORD = "lecture-Secrete-1"


@pytest.fixture
def rima(make_reader, client):
    """A reader logged in on `client`."""
    user = make_reader("Rima K.", email="rima@example.org")
    client.force_login(user)
    return user


@pytest.fixture
def article(make_section, make_article):
    return make_article(make_section("Monde"))


@pytest.fixture
def thread(article, rima, make_reader, publish_comment):
    """Rima's comment and another reader's reply to it."""
    hadi = make_reader("Hadi S.", email="hadi@example.org")
    mine = publish_comment(article, rima, "Le port doit rouvrir avant l’hiver.")
    reply = publish_comment(article, hadi, "Entièrement d’accord avec vous.", parent=mine)
    return mine, reply


def text(response) -> str:
    return unescape(response.content.decode())


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def logged_in(client) -> bool:
    return client.get(ACCOUNT).status_code == 200


def test_anonymous_reader_is_sent_to_log_in(client, home):
    for url in (ACCOUNT, PASSWORD_CHANGE, EMAIL_CHANGE, DATA, DELETE):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"].startswith("/compte/connexion/?next=")


def test_my_account_shows_the_address_and_leads_to_every_action(client, rima):
    page = text(client.get(ACCOUNT))

    assert "rima@example.org" in page
    assert 'value="Rima K."' in page
    for url in (PASSWORD_CHANGE, EMAIL_CHANGE, DATA, DELETE, "/compte/abonnement/"):
        assert f'href="{url}"' in page
    # The masthead, on the header and in the mobile menu.
    assert page.count(f'<a href="{ACCOUNT}">Mon compte</a>') == 2


def test_a_new_name_shows_under_the_readers_comments(client, rima, article, thread):
    comments_page = article.url + "commentaires/"
    Client().get(comments_page)  # kept by the page cache

    response = client.post(ACCOUNT, {"display_name": "Rima de Tyr"}, follow=True)

    assert "Votre nom affiché est changé." in text(response)
    page = text(Client().get(comments_page))
    assert "Rima de Tyr" in page
    assert "Rima K." not in page


@pytest.mark.parametrize(
    "name, error",
    [
        ("HADI-S", "Ce nom est déjà pris par un autre lecteur"),
        ("Hadi\u200b S.", "Ce nom est déjà pris par un autre lecteur"),
        ("Ｍodérateur", "Ce nom est réservé au journal"),
    ],
)
def test_a_name_that_passes_for_another_is_refused(client, rima, make_reader, name, error):
    make_reader("Hadi S.", email="hadi@example.org")

    response = client.post(ACCOUNT, {"display_name": name})

    page = text(response)
    assert response.status_code == 400
    assert error in page
    assert 'aria-invalid="true"' in page
    assert 'id="id_display_name_error"' in page
    rima.refresh_from_db()
    assert rima.display_name == "Rima K."


def test_a_new_password_keeps_this_session_and_ends_the_others(client, rima):
    elsewhere = Client()
    elsewhere.force_login(rima)
    token, _ = reader_token(rima)
    new = {"new_password1": "Cedres-et-Neige-24", "new_password2": "Cedres-et-Neige-24"}

    wrong = client.post(PASSWORD_CHANGE, {"old_password": "devine", **new})
    right = client.post(PASSWORD_CHANGE, {"old_password": PASSWORD, **new}, follow=True)

    assert wrong.status_code == 400
    assert "Mot de passe incorrect : tapez celui de votre compte." in text(wrong)
    assert "Votre mot de passe est changé." in text(right)
    assert logged_in(client)
    assert not logged_in(elsewhere)
    assert reader_for_token(token) is None


def test_the_address_changes_only_once_the_link_is_opened(client, rima):
    response = client.post(EMAIL_CHANGE, {"email": "Rima@Nouvelle.example", "password": PASSWORD})

    assert "un lien de confirmation vient d’être envoyé à rima@nouvelle.example" in text(response)
    rima.refresh_from_db()
    assert rima.email == "rima@example.org"
    [sent] = mail.outbox
    assert sent.to == ["rima@nouvelle.example"]

    confirmed = client.get(link_in(sent), follow=True)

    assert "Votre adresse est maintenant rima@nouvelle.example" in text(confirmed)
    rima.refresh_from_db()
    assert (rima.email, rima.username) == ("rima@nouvelle.example", "rima@nouvelle.example")
    assert mail.outbox[1].to == ["rima@example.org"]
    assert "rima@nouvelle.example" in mail.outbox[1].body
    assert client.get(link_in(sent)).status_code == 400  # used


def test_a_forged_or_expired_address_link_changes_nothing(client, rima, monkeypatch):
    client.post(EMAIL_CHANGE, {"email": "rima@nouvelle.example", "password": PASSWORD})
    link = link_in(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps({"id": rima.pk, "email": "pirate@example.org", "key": "x"})

    later = time.time() + (settings.ACCOUNT_CONFIRMATION_DAYS + 1) * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)
    expired = client.get(link)
    monkeypatch.undo()
    tampered = client.get(link.replace(token, token[:-2] + "xx"))
    other_salt = client.get(f"/compte/adresse/confirmer/{forged}/")

    for response in (expired, tampered, other_salt):
        assert response.status_code == 400
        assert "Votre adresse n’a pas changé." in text(response)
    rima.refresh_from_db()
    assert rima.email == "rima@example.org"


def test_another_accounts_address_is_refused_without_saying_so(client, rima, make_reader):
    make_reader("Hadi S.", email="hadi@example.org")

    wrong = client.post(EMAIL_CHANGE, {"email": "hadi@example.org", "password": "devine"})
    taken = client.post(EMAIL_CHANGE, {"email": "Hadi@Example.org", "password": PASSWORD})

    assert wrong.status_code == 400
    assert "Mot de passe incorrect" in text(wrong)
    assert "un lien de confirmation vient d’être envoyé à hadi@example.org" in text(taken)
    [sent] = mail.outbox
    assert sent.to == ["hadi@example.org"]
    assert "/compte/adresse/confirmer/" not in sent.body
    assert "déjà celle de votre compte" in sent.body
    rima.refresh_from_db()
    assert rima.email == "rima@example.org"


def test_the_data_file_holds_the_readers_comments_and_no_one_elses(client, rima, thread):
    mine, reply = thread

    response = client.get(DATA)

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="mes-donnees-')
    data = json.loads(response.content)
    assert data["compte"]["adresse_e_mail"] == "rima@example.org"
    [comment] = data["commentaires"]
    assert comment["texte"] == "Le port doit rouvrir avant l’hiver."
    assert comment["article"].endswith(mine.article.url)
    assert comment["etat"] == "Publié"
    assert "Entièrement d’accord" not in response.content.decode()
    assert "Hadi" not in response.content.decode()


@pytest.mark.parametrize("erase", [False, True])
def test_a_deleted_account_is_anonymised_and_logged_out_everywhere(
    client, rima, article, thread, erase
):
    mine, reply = thread
    elsewhere = Client()
    elsewhere.force_login(rima)
    token, _ = reader_token(rima)
    comments_page = article.url + "commentaires/"
    Client().get(comments_page)  # kept by the page cache

    form = {"password": PASSWORD, **({"erase_comments": "on"} if erase else {})}
    response = client.post(DELETE, form)

    assert "Votre compte est supprimé" in text(response)
    rima.refresh_from_db()
    assert rima.email.endswith("@supprime.invalid") and rima.username == rima.email
    assert rima.display_name == "Lecteur supprimé"
    assert not rima.has_usable_password() and not rima.is_active
    assert not logged_in(client) and not logged_in(elsewhere)
    assert reader_for_token(token) is None
    entry = ModelLogEntry.objects.get(action=services.ACCOUNT_DELETED)
    assert entry.object_id == str(rima.pk) and "rima" not in entry.label
    login = client.post(
        "/compte/connexion/", {"username": "rima@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert "Adresse e-mail ou mot de passe incorrect" in text(login)

    page = text(Client().get(comments_page))
    assert "Lecteur supprimé" in page and "Rima K." not in page
    assert "Entièrement d’accord avec vous." in page
    if erase:
        assert "Commentaire supprimé par son auteur." in page
        assert "Le port doit rouvrir" not in page
        assert not Comment.objects.filter(body__contains="Le port").exists()
    else:
        assert "Le port doit rouvrir avant l’hiver." in page


def test_a_wrong_password_deletes_nothing(client, rima):
    response = client.post(DELETE, {"password": "devine"})

    assert response.status_code == 400
    assert "Mot de passe incorrect : tapez celui de votre compte." in text(response)
    rima.refresh_from_db()
    assert rima.is_active and rima.email == "rima@example.org"


def test_wrong_passwords_are_limited_across_the_account_forms(client, rima):
    limit, _seconds = settings.QUOTIDIEN_RATE_LIMITS["account-password"]
    new = {"new_password1": "Cedres-et-Neige-24", "new_password2": "Cedres-et-Neige-24"}
    for attempt in range(limit):
        if attempt % 2:
            client.post(EMAIL_CHANGE, {"email": "autre@example.org", "password": "devine"})
        else:
            client.post(PASSWORD_CHANGE, {"old_password": "devine", **new})

    stopped = client.post(DELETE, {"password": PASSWORD})

    assert stopped.status_code == 400
    assert "Trop de mots de passe incorrects : réessayez dans" in text(stopped)
    rima.refresh_from_db()
    assert rima.is_active and rima.check_password(PASSWORD)


def running_subscription(reader, **source) -> Subscription:
    """A monthly subscription of `reader` paid for 20 more days, by `source`."""
    return Subscription.objects.create(
        user=reader,
        plan=Plan.objects.create(name="Mensuel", slug="mensuel"),
        status=Subscription.Status.ACTIVE,
        currency="USD",
        amount=10,
        current_period_end=timezone.now() + timedelta(days=20),
        **source,
    )


def test_an_account_whose_card_subscription_renews_cannot_be_deleted(client, rima):
    running_subscription(
        rima, source=Subscription.Source.STRIPE, stripe_subscription_id="sub_1TkQuotidienRima01"
    )

    page = text(client.get(DELETE))
    refused = client.post(DELETE, {"password": PASSWORD})

    assert "résiliez-le d’abord sur la page « Mon abonnement »" in page
    assert 'href="/compte/abonnement/"' in page
    assert refused.status_code == 403
    rima.refresh_from_db()
    assert rima.is_active
    assert get_user_model().objects.filter(email="rima@example.org").exists()


def test_a_subscription_paid_by_hand_ends_with_the_account(client, rima):
    running_subscription(rima, source=Subscription.Source.MANUAL)

    page = text(client.get(DELETE))
    deleted = client.post(DELETE, {"password": PASSWORD})

    assert "payé au service abonnés) prend fin avec le compte" in page
    assert deleted.status_code == 200
    rima.refresh_from_db()
    assert not rima.is_active


def test_a_subscription_request_is_in_the_data_and_closed_with_the_account(client, rima):
    """A request to pay the Service abonnés by hand holds the reader's telephone and their
    message: the data file shows them, and deleting the account files the request and
    erases both, so that nobody calls a reader who has left."""
    plan = Plan.objects.create(name="Mensuel", slug="mensuel")
    Price.objects.create(plan=plan, currency="USD", amount=10)
    request = subscription_services.file_request(
        user=rima,
        plan=plan,
        currency="USD",
        method="cash",
        phone="+961 3 123 456",
        message="Appelez le soir.",
    )

    [shown] = json.loads(client.get(DATA).content)["demandes_d_abonnement"]
    page = text(client.get(DELETE))
    client.post(DELETE, {"password": PASSWORD})

    assert shown["offre"] == "Mensuel" and shown["telephone"] == "+961 3 123 456"
    assert shown["message"] == "Appelez le soir." and shown["etat"] == "à traiter"
    assert "vos demandes d’abonnement en attente sont classées" in page
    request.refresh_from_db()
    assert request.status == SubscriptionRequest.Status.FILED and request.handled_at
    assert (request.phone, request.message) == ("", "")
    # Its history neither keeps the message nor names the account as it was.
    history = list(ModelLogEntry.objects.for_instance(request))
    assert [entry.action for entry in history] == [
        "subscriptions.request_filed",
        "subscriptions.request",
    ]
    told = json.dumps([(entry.label, entry.data) for entry in history], ensure_ascii=False)
    assert "Appelez le soir" not in told and "rima" not in told
