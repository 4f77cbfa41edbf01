"""An institution's address range opens every subscriber article to whoever reads from it:
a range broader than the limit is refused in French, and one kept from before the limit
opens nothing; an IPv4 address written in IPv6 is kept as the IPv4 address."""

import pytest
from django.urls import reverse

from quotidien.subscriptions.institutions import institution_at
from quotidien.subscriptions.models import Institution, IPRange
from tests.subscriptions.test_back_office import institution_form

pytestmark = pytest.mark.django_db


def open_form(network: str) -> dict:
    return {**institution_form(network), "ranges-0-active": "on"}


def test_a_range_broader_than_the_limit_is_refused_in_french(client, clerk):
    for network in ("0.0.0.0/0", "::/0", "10.0.0.0/8", "2001::/16", "::ffff:0:0/96"):
        response = client.post(reverse("institutions:add"), open_form(network))

        assert response.status_code == 200, network
        assert "est trop large" in response.content.decode(), network
    assert not Institution.objects.exists()
    assert institution_at("203.0.113.5") is None


def test_ranges_at_the_limit_are_kept(client, clerk):
    for network in ("172.16.0.0/16", "2001:db8::/32"):
        assert client.post(reverse("institutions:add"), open_form(network)).status_code == 302

    assert institution_at("172.16.200.1") == institution_at("2001:db8::7") is not None


def test_an_ipv4_address_written_in_ipv6_is_kept_as_ipv4(client, clerk):
    response = client.post(reverse("institutions:add"), open_form("::ffff:192.0.2.10/128"))

    assert response.status_code == 302
    assert IPRange.objects.get().network == "192.0.2.10/32"
    assert institution_at("192.0.2.10") == "Université Saint-Joseph"


def test_a_broad_range_kept_from_before_the_limit_opens_nothing(client, clerk):
    client.post(reverse("institutions:add"), open_form("192.0.2.0/24"))
    IPRange.objects.update(network="0.0.0.0/0")

    assert institution_at("203.0.113.5") is None


def test_a_reader_on_a_dual_stack_server_is_matched_by_the_ipv4_address(client, clerk):
    client.post(reverse("institutions:add"), open_form("192.0.2.0/24"))

    # A server listening on :: sees an IPv4 reader as ::ffff:a.b.c.d.
    for address in ("::ffff:192.0.2.10", "::ffff:c000:20a"):
        assert institution_at(address) == "Université Saint-Joseph", address
    assert institution_at("::ffff:198.51.100.7") is None


def test_an_institution_opens_articles_only_within_its_contract_s_dates(client, clerk):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    form = open_form("192.0.2.0/24")
    response = client.post(
        reverse("institutions:add"),
        {**form, "access_starts": "", "access_ends": today.isoformat()},
    )
    assert response.status_code == 302
    # The last day of the contract is a day of access.
    assert institution_at("192.0.2.10") == "Université Saint-Joseph"

    institution = Institution.objects.get()
    institution.access_ends = today - timedelta(days=1)
    institution.save()
    assert institution_at("192.0.2.10") is None

    institution.access_ends, institution.access_starts = None, today + timedelta(days=1)
    institution.save()
    assert institution_at("192.0.2.10") is None


def test_a_contract_cannot_end_before_it_starts(client, clerk):
    response = client.post(
        reverse("institutions:add"),
        {
            **open_form("192.0.2.0/24"),
            "access_starts": "2027-01-10",
            "access_ends": "2027-01-09",
        },
    )

    assert response.status_code == 200
    assert "La fin de l’accès précède son début" in response.content.decode()
    assert not Institution.objects.exists()
