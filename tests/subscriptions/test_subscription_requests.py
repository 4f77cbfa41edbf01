"""Subscribing without a card: a reader's request to the Service abonnés, its confirmation
page and e-mail, and the back office that turns it into a manual subscription."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.models import ModelLogEntry, Site

from quotidien.news.newsroom import EDITORS, JOURNALISTS, SUBSCRIBER_SERVICE
from quotidien.sitepages.models import PaperSettings
from quotidien.subscriptions.models import Payment, Subscription, SubscriptionRequest
from tests.html_validation import validate_html

from .conftest import messages_of

pytestmark = pytest.mark.django_db

FORM = {"currency": "EUR", "method": "transfer", "phone": "+961 3 123 456", "message": "Merci"}


@pytest.fixture
def no_card(settings):
    settings.STRIPE_SECRET_KEY = ""


@pytest.fixture
def make_staff(home, make_reader):
    def make(group: str, name: str = "Maya K."):
        user = make_reader(name, email=f"{group.lower()}@quotidien.example")
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def clerk(make_staff):
    return make_staff(SUBSCRIBER_SERVICE)


def send(client, form=FORM, slug="mensuel"):
    return client.post(f"/abonnement/offre/{slug}/demande/", form)


def filed_by(client, reader) -> SubscriptionRequest:
    """The request `reader` sends from the monthly offer, logged in on `client`."""
    client.force_login(reader)
    send(client)
    return SubscriptionRequest.objects.get()


def requests_listing(client, query: str = ""):
    """The back office's list of requests (`query`: "?p=2"…), as the logged-in clerk sees it."""
    return lxml_html.fromstring(client.get(reverse("subscriptions_requests") + query).content)


def test_reader_asks_to_subscribe_and_pay_by_transfer(
    client, home, no_card, reader, monthly, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    page = lxml_html.fromstring(client.get("/abonnement/offre/mensuel/").content)
    (form,) = page.xpath("//form[contains(@class, 'offer__request')]")
    assert form.get("action") == "/abonnement/offre/mensuel/demande/"
    assert form.xpath(".//select[@name='currency']")[0].value_options == ["USD", "EUR", "LBP"]
    assert [label.text_content().strip() for label in form.xpath(".//fieldset//label")] == [
        "par virement",
        "en espèces",
        "d’une autre façon (précisez-la dans le message)",
    ]
    assert "Je réglerai" in form.xpath(".//legend")[0].text_content()
    assert form.xpath(".//button")[0].text_content() == "Envoyer ma demande"

    with django_capture_on_commit_callbacks(execute=True):
        sent = send(client)

    filed = SubscriptionRequest.objects.get()
    assert (filed.user, filed.plan, filed.currency, filed.method) == (
        reader,
        monthly,
        "EUR",
        "transfer",
    )
    assert filed.phone == "+961 3 123 456" and filed.status == "pending"
    assert sent["Location"] == f"/abonnement/demande/{filed.pk}/"
    confirmation = client.get(sent["Location"]).content.decode()
    assert "Votre demande d’abonnement à l’offre « Mensuel » a été enregistrée" in confirmation
    assert "9\u00a0EUR par mois" in confirmation and "Virement" in confirmation
    # The worker confirms it by e-mail, in French.
    (message,) = mail.outbox
    assert message.to == ["rania@example.org"]
    assert message.subject == "Votre demande d’abonnement à Quotidien est bien reçue"
    assert "offre « Mensuel », 9\u00a0EUR par mois, réglée par virement." in message.body
    assert [entry.action for entry in ModelLogEntry.objects.for_instance(filed)] == [
        "subscriptions.request"
    ]


def test_my_subscription_shows_a_request_waiting_for_the_service(
    client, home, no_card, reader, monthly
):
    filed = filed_by(client, reader)

    page = lxml_html.fromstring(client.get("/compte/abonnement/").content)

    (waiting,) = page.xpath("//*[contains(@class, 'my-subscription__requests')]")
    said = " ".join(waiting.text_content().split())
    assert "Votre demande d’abonnement à l’offre « Mensuel »" in said and "en attente" in said
    assert waiting.xpath(".//a/@href") == [f"/abonnement/demande/{filed.pk}/"]
    assert "Vous n’avez pas d’abonnement." not in page.text_content()
    # Once answered, it is no longer waiting.
    SubscriptionRequest.objects.update(status=SubscriptionRequest.Status.FILED)
    page = lxml_html.fromstring(client.get("/compte/abonnement/").content)
    assert not page.xpath("//*[contains(@class, 'my-subscription__requests')]")
    assert "Vous n’avez pas d’abonnement." in page.text_content()


@pytest.mark.html_checker
def test_request_pages_are_valid_html(client, home, no_card, reader, monthly):
    client.force_login(reader)
    form_page = client.get("/abonnement/offre/mensuel/").content.decode()
    refused = send(client, {**FORM, "currency": "XXX"}).content.decode()
    confirmation = client.get(send(client)["Location"]).content.decode()
    waiting = client.get("/compte/abonnement/").content.decode()
    assert "my-subscription__requests" in waiting

    errors = validate_html(
        {"form": form_page, "refused": refused, "sent": confirmation, "waiting": waiting}
    )

    assert errors == {"form": [], "refused": [], "sent": [], "waiting": []}


def test_a_reader_sees_only_their_own_request(client, home, no_card, reader, monthly, make_reader):
    client.force_login(reader)
    filed = SubscriptionRequest.objects.get(pk=int(send(client)["Location"].split("/")[-2]))
    client.force_login(make_reader())
    assert client.get(f"/abonnement/demande/{filed.pk}/").status_code == 404


def test_a_request_needs_a_currency_of_the_plan_and_says_so(client, home, no_card, reader, annual):
    client.force_login(reader)
    answer = send(client, {**FORM, "currency": "EUR"}, slug="annuel")
    assert answer.status_code == 400
    assert "Sélectionnez un choix valide" in answer.content.decode()
    assert not SubscriptionRequest.objects.exists()


def test_requests_are_limited_per_reader(client, home, no_card, reader, monthly, rate_limit_clock):
    # One in the morning: the day's window ends in 23 hours.
    rate_limit_clock.now = rate_limit_clock.now // 86400 * 86400 + 3600
    client.force_login(reader)
    for _ in range(3):
        assert send(client).status_code == 302
    stopped = send(client)
    assert stopped.status_code == 429 and int(stopped["Retry-After"]) > 0
    assert "Vous avez déjà envoyé plusieurs demandes aujourd’hui" in stopped.content.decode()
    assert "réessayez dans 23 heures" in stopped.content.decode()
    # What the reader typed stays in the form.
    assert "Merci" in stopped.content.decode()
    assert SubscriptionRequest.objects.count() == 3


def test_with_card_payment_there_is_no_request_form(client, home, stripe_keys, reader, monthly):
    client.force_login(reader)
    assert "offer__request" not in client.get("/abonnement/offre/mensuel/").content.decode()
    assert send(client).status_code == 302
    assert not SubscriptionRequest.objects.exists()


def test_service_abonnes_turns_a_request_into_a_manual_subscription(
    client, home, no_card, reader, monthly, clerk
):
    filed = filed_by(client, reader)
    client.force_login(clerk)

    listing = requests_listing(client)
    (row,) = listing.xpath("//table[contains(@class, 'listing')]/tbody/tr")
    cells = [cell.text_content().strip() for cell in row.xpath("td")]
    assert cells[1].startswith("rania@example.org")
    assert cells[2] == "Mensuel — 9\u00a0EUR"
    assert cells[3:7] == ["Virement", "+961 3 123 456", "Merci", "À traiter"]
    (open_it,) = row.xpath(".//a[contains(@class, 'button')]")
    assert open_it.text_content() == "Ouvrir l’abonnement"

    form = lxml_html.fromstring(client.get(open_it.get("href")).content).xpath(
        "//form[contains(@action, 'demande=')]"
    )[0]
    filled = dict(form.form_values())
    assert filled["email"] == "rania@example.org"
    assert (filled["plan"], filled["currency"], filled["method"]) == (
        str(monthly.pk),
        "EUR",
        "transfer",
    )
    done = client.post(form.get("action"), filled, follow=True)

    assert [text.strip() for text in messages_of(done)] == [
        "Abonnement de rania@example.org activé."
    ]
    subscription = Subscription.objects.get(user=reader)
    assert subscription.gives_access and subscription.currency == "EUR"
    assert Payment.objects.get().method == "transfer"
    filed.refresh_from_db()
    assert filed.status == "done" and filed.subscription == subscription
    assert "subscriptions.request_done" in [
        entry.action for entry in ModelLogEntry.objects.for_instance(filed)
    ]
    # Done, it leaves the list of requests to handle.
    assert "rania@example.org" not in client.get(reverse("subscriptions_requests")).content.decode()


def test_a_subscription_opened_without_the_request_still_closes_it(
    client, home, no_card, reader, monthly, clerk
):
    filed_by(client, reader)
    client.force_login(clerk)

    client.post(
        reverse("subscriptions_activate"),
        {"email": reader.email, "plan": monthly.pk, "currency": "EUR", "method": "cash"},
    )

    filed = SubscriptionRequest.objects.get()
    assert filed.status == "done" and filed.subscription == Subscription.objects.get(user=reader)
    assert "subscriptions.request_done" in [
        entry.action for entry in ModelLogEntry.objects.for_instance(filed)
    ]


def test_the_clerk_is_told_when_the_reader_chosen_is_not_the_requests(
    client, home, no_card, reader, make_reader, monthly, clerk
):
    filed = filed_by(client, reader)
    other = make_reader("Karim", email="karim@example.org")
    client.force_login(clerk)

    done = client.post(
        reverse("subscriptions_activate") + f"?demande={filed.pk}",
        {"email": other.email, "plan": monthly.pk, "currency": "EUR", "method": "transfer"},
        follow=True,
    )

    assert [text.strip() for text in messages_of(done)] == [
        "Abonnement de karim@example.org activé.",
        "La demande de rania@example.org reste à traiter : l’abonnement a été ouvert pour "
        "karim@example.org.",
    ]
    filed.refresh_from_db()
    assert filed.status == "pending"


def test_service_abonnes_files_a_request_without_a_subscription(
    client, home, no_card, reader, monthly, clerk
):
    filed = filed_by(client, reader)
    client.force_login(clerk)
    listing = requests_listing(client)
    (close,) = listing.xpath("//table[contains(@class, 'listing')]//form")
    assert close.xpath(".//button")[0].text_content() == "Classer sans abonnement"

    done = client.post(close.get("action"), dict(close.form_values()), follow=True)

    assert [text.strip() for text in messages_of(done)] == [
        "Demande de rania@example.org classée sans abonnement."
    ]
    filed.refresh_from_db()
    assert filed.status == "filed" and filed.handled_at and filed.subscription is None
    assert not Subscription.objects.exists()
    assert "subscriptions.request_filed" in [
        entry.action for entry in ModelLogEntry.objects.for_instance(filed)
    ]
    rows = lxml_html.fromstring(done.content).xpath("//table[contains(@class, 'listing')]/tbody/tr")
    assert [row.text_content().strip() for row in rows] == ["Aucune demande."]
    # Filed once, it cannot be filed again.
    again = client.post(close.get("action"), dict(close.form_values()))
    assert again.status_code == 404


@pytest.mark.parametrize("group", [JOURNALISTS, EDITORS])
def test_only_the_service_abonnes_sees_the_requests(
    client, home, no_card, reader, monthly, make_staff, group
):
    client.force_login(reader)
    send(client)
    # Newsroom staff enter the admin, so Wagtail's own guard lets them through to the view.
    journalist = make_staff(group)
    client.force_login(journalist)

    answer = client.get(reverse("subscriptions_requests"))

    # The view's own check sends them back to the admin's home page.
    assert (answer.status_code, answer["Location"]) == (302, "/admin/")
    assert "rania@example.org" not in answer.content.decode()
    filed = SubscriptionRequest.objects.get()
    client.post(reverse("subscriptions_request_file_away", args=[filed.pk]))
    filed.refresh_from_db()
    assert filed.status == "pending"


def test_every_request_is_reached_fifty_a_page(client, home, monthly, clerk, make_reader):
    now = timezone.now()
    SubscriptionRequest.objects.bulk_create(
        SubscriptionRequest(
            user=make_reader(f"Lecteur {number}", email=f"lecteur{number}@example.org"),
            plan=monthly,
            currency="USD",
            created_at=now - timedelta(minutes=number),
        )
        for number in range(51)
    )
    client.force_login(clerk)

    first = requests_listing(client)
    rows = first.xpath("//table[contains(@class, 'listing')]/tbody/tr")
    assert len(rows) == 50
    assert rows[0].xpath("td")[1].text_content().startswith("lecteur0@example.org")
    (next_page,) = first.xpath("//nav[@class='pagination']//li[@class='next']/a/@href")
    second = requests_listing(client, next_page)
    (oldest,) = second.xpath("//table[contains(@class, 'listing')]/tbody/tr")
    assert oldest.xpath("td")[1].text_content().startswith("lecteur50@example.org")


def test_a_request_to_pay_in_cash_is_confirmed_in_good_french(
    client, home, no_card, reader, monthly, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, {**FORM, "method": "cash"})

    (message,) = mail.outbox
    assert "réglée en espèces." in message.body


def test_how_to_pay_by_hand_is_said_after_the_request_and_in_its_e_mail(
    client, home, no_card, reader, monthly, django_capture_on_commit_callbacks
):
    """What the newsroom wrote in « Coordonnées du journal »: the bank details, the counter
    and the delay, on the confirmation page and in its e-mail."""
    site = Site.objects.get(root_page=home)
    PaperSettings.objects.create(
        site=site,
        subscription_payment="Par virement : IBAN LB00 1234.\n\nEn espèces : au guichet, 9 h-16 h.",
    )
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        sent = send(client)

    page = lxml_html.fromstring(client.get(sent["Location"]).content)
    [section] = page.xpath("//section[@aria-labelledby='pour-regler']")
    assert [p.text_content() for p in section.xpath(".//p")] == [
        "Par virement : IBAN LB00 1234.",
        "En espèces : au guichet, 9 h-16 h.",
    ]
    (message,) = mail.outbox
    assert "Pour régler :\n\nPar virement : IBAN LB00 1234." in message.body
    assert "En espèces : au guichet, 9 h-16 h." in message.alternatives[0][0]


def test_without_instructions_the_confirmation_says_only_that_the_service_will_call(
    client, home, no_card, reader, monthly
):
    client.force_login(reader)
    sent = send(client)

    page = client.get(sent["Location"]).content.decode()
    assert "Pour régler" not in page and "vous écrit ou vous appelle" in page
