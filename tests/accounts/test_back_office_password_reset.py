"""The back office's "mot de passe oublié" serves the newsroom only, within the site's limits."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from quotidien.news.newsroom import JOURNALISTS

pytestmark = pytest.mark.django_db
BACK_OFFICE_RESET = "/admin/password_reset/"
SITE_RESET = "/compte/mot-de-passe/"


@pytest.fixture
def journalist(home, make_reader):
    user = make_reader("Nadia Khoury", email="nadia@quotidien.example")
    user.groups.add(Group.objects.get(name=JOURNALISTS))
    return user


def test_the_back_office_sends_no_reset_to_a_reader(client, home, make_reader):
    make_reader(email="rima@example.org")

    answer = client.post(BACK_OFFICE_RESET, {"email": "rima@example.org"})

    assert answer.status_code == 302  # answered as for any address: it tells nothing
    assert mail.outbox == []


def test_the_back_office_resets_count_with_the_sites_for_one_address(client, journalist, settings):
    limit, _seconds = settings.QUOTIDIEN_RATE_LIMITS["address-emails"]
    client.post(SITE_RESET, {"email": journalist.email})

    answers = [client.post(BACK_OFFICE_RESET, {"email": journalist.email}) for _ in range(15)]

    assert len(mail.outbox) == limit
    assert "/admin/password_reset/" in mail.outbox[-1].body
    assert {answer.status_code for answer in answers[limit - 1 :]} == {429}
    assert "réessayez dans" in answers[-1].content.decode()
