"""The Service abonnés' back office, as its members and others use it through the browser's
requests: the Abonnements menu, manual subscriptions, subscribers, offers, institutions."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from lxml import html

from quotidien.accounts.services import delete_account
from quotidien.news.newsroom import EDITORS, JOURNALISTS
from quotidien.subscriptions import services
from quotidien.subscriptions.models import Institution, Plan, Price, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def monthly(db):
    plan = Plan.objects.create(name="Mensuel", slug="mensuel-bo", interval=Plan.Interval.MONTH)
    Price.objects.create(plan=plan, currency="USD", amount=Decimal("10.00"))
    return plan


def staff(make_reader, group: str):
    user = make_reader(email=f"{group.lower()}@quotidien.example")
    user.groups.add(Group.objects.get(name=group))
    return user


def menu_labels(client) -> set[str]:
    """The labels of the back office's sidebar, which Wagtail sends as JSON."""
    html = client.get("/admin/").content.decode()
    return {json.loads(label) for label in re.findall(r'"label": ("(?:[^"\\]|\\.)*")', html)}


def test_service_abonnes_sees_the_abonnements_menu(client, clerk):
    labels = menu_labels(client)

    for label in ("Abonnements", "Offres", "Abonnés", "Institutions", "Abonnement manuel"):
        assert label in labels
    assert "Statistiques" in labels


@pytest.mark.parametrize("group", [JOURNALISTS, EDITORS])
def test_newsroom_staff_cannot_reach_subscriptions(client, home, make_reader, monthly, group):
    client.force_login(staff(make_reader, group))

    assert "Abonnements" not in menu_labels(client)
    for url in (
        reverse("subscriptions_activate"),
        reverse("subscriptions_statistics"),
        reverse("subscriptions_requests"),
        reverse("abonnes:index"),
        reverse("offres:index"),
        reverse("institutions:index"),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert Subscription.objects.count() == 0
    response = client.post(
        reverse("subscriptions_activate"),
        {"email": "x@example.org", "plan": monthly.pk, "currency": "USD", "method": "cash"},
    )
    assert response.status_code in (302, 403)


def test_activation_form_opens_a_subscription_at_the_plan_price(
    client, clerk, make_reader, monthly
):
    reader = make_reader(email="rima@example.org")

    response = client.post(
        reverse("subscriptions_activate"),
        {
            "email": "Rima@Example.org",
            "plan": monthly.pk,
            "currency": "USD",
            "periods": "2",
            "method": "cash",
            "note": "Payé au guichet.",
        },
    )

    subscription = Subscription.objects.get(user=reader)
    assert response.status_code == 302
    assert response["Location"] == reverse("abonnes:inspect", args=[subscription.pk])
    assert subscription.amount == Decimal("10.00")
    assert subscription.payments.get().amount == Decimal("20.00")
    page = client.get(response["Location"]).content.decode()
    assert "Abonnement de rima@example.org activé." in page
    assert "Abonnement activé" in page  # the history
    assert "Payé au guichet." in page
    assert "20,00\u00a0USD" in page
    assert "Prolonger" in page and "Résilier" in page


def test_activation_errors_are_in_french_and_keep_what_was_typed(
    client, clerk, make_reader, monthly
):
    make_reader(email="rima@example.org")
    form = {"email": "rima@example.org", "plan": monthly.pk, "method": "cash", "note": "à garder"}

    unknown = client.post(
        reverse("subscriptions_activate"), {**form, "email": "nobody@example.org"}
    )
    no_price = client.post(reverse("subscriptions_activate"), {**form, "currency": "EUR"})
    past = client.post(
        reverse("subscriptions_activate"),
        {
            **form,
            "currency": "USD",
            "until": (timezone.localdate() - timedelta(days=3)).isoformat(),
        },
    )

    assert "Aucun compte n’a l’adresse nobody@example.org" in unknown.content.decode()
    assert "n’a pas de prix en EUR" in no_price.content.decode()
    assert "à garder" in no_price.content.decode()
    assert "est passée" in past.content.decode()
    assert not Subscription.objects.exists()


def test_subscriber_is_found_by_email_and_filtered_by_status(client, clerk, make_reader, monthly):
    rima = make_reader("Rima H.", email="rima@example.org")
    karim = make_reader("Karim S.", email="karim@example.org")
    services.activate(user=rima, plan=monthly, currency="USD", method="cash", by=clerk)
    cancelled = services.activate(user=karim, plan=monthly, currency="USD", method="cash", by=clerk)
    services.cancel(subscription=cancelled, by=clerk)

    found = client.get(reverse("abonnes:index"), {"q": "rima@"}).content.decode()
    by_status = client.get(reverse("abonnes:index"), {"status": "cancelled"}).content.decode()

    assert "rima@example.org" in found and "karim@example.org" not in found
    assert "karim@example.org" in by_status and "rima@example.org" not in by_status


def test_subscriptions_are_never_edited_as_raw_rows(client, clerk, make_reader, monthly):
    subscription = services.activate(
        user=make_reader(), plan=monthly, currency="USD", method="cash", by=clerk
    )

    assert client.get(reverse("abonnes:edit", args=[subscription.pk])).status_code in (302, 403)
    assert client.get(reverse("abonnes:delete", args=[subscription.pk])).status_code in (302, 403)
    assert client.get(reverse("abonnes:inspect", args=[subscription.pk])).status_code == 200


def test_extend_cancel_and_reactivate_from_the_subscriber_page(client, clerk, make_reader, monthly):
    subscription = services.activate(
        user=make_reader(), plan=monthly, currency="USD", method="cash", by=clerk
    )
    end = subscription.current_period_end

    extended = client.post(
        reverse("subscriptions_extend", args=[subscription.pk]),
        {"periods": "1", "method": "transfer", "note": "Virement reçu."},
    )
    cancelled = client.post(
        reverse("subscriptions_cancel", args=[subscription.pk]), {"note": "À sa demande."}
    )
    again = client.post(reverse("subscriptions_cancel", args=[subscription.pk]), {"note": ""})
    reactivated = client.post(reverse("subscriptions_reactivate", args=[subscription.pk]), {})

    subscription.refresh_from_db()
    assert extended.status_code == cancelled.status_code == reactivated.status_code == 302
    assert subscription.current_period_end > end
    assert subscription.payments.count() == 2
    assert "déjà résilié" in again.content.decode()
    assert subscription.status == Subscription.Status.ACTIVE
    history = client.get(reverse("abonnes:inspect", args=[subscription.pk])).content.decode()
    for line in (
        "Abonnement prolongé",
        "Abonnement résilié",
        "Abonnement réactivé",
        "À sa demande.",
    ):
        assert line in history


def test_offer_is_created_with_its_prices(client, clerk):
    response = client.post(
        reverse("offres:add"),
        {
            "name": "Étudiant",
            "slug": "etudiant",
            "description": "",
            "interval": "month",
            "available": "on",
            "sort_order": "3",
            "prices-TOTAL_FORMS": "2",
            "prices-INITIAL_FORMS": "0",
            "prices-MIN_NUM_FORMS": "1",
            "prices-MAX_NUM_FORMS": "1000",
            "prices-0-currency": "USD",
            "prices-0-amount": "5.00",
            "prices-0-stripe_price_id": "price_123",
            "prices-0-id": "",
            "prices-0-ORDER": "1",
            "prices-0-DELETE": "",
            "prices-1-currency": "LBP",
            "prices-1-amount": "450000",
            "prices-1-stripe_price_id": "",
            "prices-1-id": "",
            "prices-1-ORDER": "2",
            "prices-1-DELETE": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    plan = Plan.objects.get(slug="etudiant")
    assert sorted(plan.prices.values_list("currency", "amount")) == [
        ("LBP", Decimal("450000.00")),
        ("USD", Decimal("5.00")),
    ]


def institution_form(network: str) -> dict:
    return {
        "name": "Université Saint-Joseph",
        "active": "on",
        "contact": "bibliotheque@usj.example",
        "note": "",
        "ranges-TOTAL_FORMS": "1",
        "ranges-INITIAL_FORMS": "0",
        "ranges-MIN_NUM_FORMS": "0",
        "ranges-MAX_NUM_FORMS": "1000",
        "ranges-0-network": network,
        "ranges-0-active": "",
        "ranges-0-note": "Campus des sciences",
        "ranges-0-id": "",
        "ranges-0-ORDER": "1",
        "ranges-0-DELETE": "",
    }


def test_institution_is_saved_with_an_inactive_range(client, clerk):
    response = client.post(reverse("institutions:add"), institution_form("192.0.2.7/24"))

    assert response.status_code == 302
    network = Institution.objects.get().ranges.get()
    assert (network.network, network.active) == ("192.0.2.0/24", False)


def test_institution_range_that_is_no_address_is_refused_in_french(client, clerk):
    response = client.post(reverse("institutions:add"), institution_form("192.0.2.300"))

    assert response.status_code == 200
    assert "n’est pas une plage d’adresses" in response.content.decode()
    assert not Institution.objects.exists()


def test_the_service_finds_a_reader_with_or_without_a_subscription(client, clerk, make_reader):
    make_reader("Rania H.", email="rania@example.org")
    make_reader("Karim B.", email="karim@example.org", is_active=False)

    found = client.get(reverse("subscriptions_readers"), {"q": "example.org"}).content.decode()
    by_name = client.get(reverse("subscriptions_readers"), {"q": "rania h"}).content.decode()
    too_short = client.get(reverse("subscriptions_readers"), {"q": "ra"}).content.decode()

    assert "rania@example.org" in found and "karim@example.org" in found
    assert "adresse non confirmée" in found and "confirmé" in found
    assert f"{reverse('subscriptions_activate')}?email=rania%40example.org" in found
    assert "rania@example.org" in by_name and "karim@example.org" not in by_name
    assert "Tapez au moins 3 caractères" in too_short


def test_the_service_sees_an_account_its_reader_closed(client, clerk, make_reader):
    reader = make_reader("Nour K.", email="nour@example.org")
    reader.set_password("un mot de passe solide")
    reader.save()
    delete_account(reader=reader, password="un mot de passe solide")

    found = client.get(reverse("subscriptions_readers"), {"q": "supprime.invalid"})

    row = next(
        " ".join(tr.text_content().split())
        for tr in html.fromstring(found.content).xpath("//main//table//tr")
        if f"compte-{reader.pk}@" in tr.text_content()
    )
    assert "fermé par le lecteur" in row


def test_only_the_service_looks_readers_up(client, moderator):
    client.force_login(moderator)

    response = client.get(reverse("subscriptions_readers"), {"q": "example.org"})

    assert response.status_code == 302


def test_the_service_abonnes_dashboard_shows_requests_waiting_and_subscriptions_ending(
    client, clerk, make_reader, monthly
):
    waiting = make_reader("Walid T.", email="walid@example.org")
    services.file_request(user=waiting, plan=monthly, currency="USD", method="cash")
    ending = make_reader("Hala M.", email="hala@example.org")
    services.activate(
        user=ending,
        plan=monthly,
        currency="USD",
        until=timezone.localdate() + timedelta(days=3),
        method="cash",
        by=clerk,
    )
    later = make_reader("Samir B.", email="samir@example.org")
    services.activate(user=later, plan=monthly, currency="USD", periods=6, method="cash", by=clerk)

    html = client.get("/admin/").content.decode().replace("\u202f", " ")

    assert "Service abonnés" in html
    assert "1 demande d’abonnement à traiter" in html
    assert reverse("subscriptions_requests") in html
    assert "Hala M." in html and "Samir B." not in html
    # No page search leads the Service abonnés to a page it may not open.
    assert "Rechercher toutes les pages" not in html


def test_page_staff_keep_the_dashboard_s_page_search(client, home, make_reader):
    client.force_login(staff(make_reader, EDITORS))

    assert "Rechercher toutes les pages" in client.get("/admin/").content.decode()
    client.logout()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_the_institutions_list_says_when_an_access_ended_or_begins(client, clerk):
    from lxml import html as lxml_html

    from quotidien.french.dates import french_date

    today = timezone.localdate()
    ended, begins = today - timedelta(days=1), today + timedelta(days=3)
    Institution.objects.create(name="Université du Levant", access_ends=ended)
    Institution.objects.create(name="Ministère", access_starts=begins)
    Institution.objects.create(name="Bibliothèque nationale", active=False)
    Institution.objects.create(name="École de journalisme")

    page = lxml_html.fromstring(client.get(reverse("institutions:index")).content)
    rows = {
        " ".join(cells[0].xpath(".//a")[0].text_content().split()): " ".join(
            cells[1].text_content().split()
        )
        for cells in (
            row.xpath("./td") for row in page.xpath("//table[contains(@class, 'listing')]/tbody/tr")
        )
    }

    assert rows == {
        "Université du Levant": f"terminé le {french_date(ended)}",
        "Ministère": f"à partir du {french_date(begins)}",
        "Bibliothèque nationale": "fermé",
        "École de journalisme": "ouvert",
    }
