"""The API's limits hold for all workers: token attempts per address, writes per token;
a stopped client gets the error shape with Retry-After."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db
TOKEN = "/api/v1/readers/token/"
PASSWORD = "lecture-Secrete-1"  # make_reader's


def ask_token(api_client, email, password="devine", **headers):
    return api_client.post(
        TOKEN, {"email": email, "password": password}, content_type="application/json", **headers
    )


def test_guessing_many_accounts_from_one_address_is_stopped(api_client, db, settings):
    limit, seconds = settings.QUOTIDIEN_RATE_LIMITS["reader-token"]

    answers = [ask_token(api_client, f"cible{n}@example.org") for n in range(150)]

    statuses = [answer.status_code for answer in answers]
    assert statuses[:limit] == [401] * limit
    assert set(statuses[limit:]) == {429}
    stopped = answers[-1]
    assert stopped["Content-Type"].startswith("application/json")
    assert stopped.json()["erreur"]["code"] == "trop_de_requetes"
    assert 1 <= int(stopped["Retry-After"]) <= seconds


def test_a_forged_forwarded_for_header_does_not_reset_the_count(api_client, db, settings):
    limit, _seconds = settings.QUOTIDIEN_RATE_LIMITS["reader-token"]

    statuses = [
        ask_token(
            api_client, f"cible{n}@example.org", HTTP_X_FORWARDED_FOR=f"10.0.{n}.1"
        ).status_code
        for n in range(limit + 5)
    ]

    assert set(statuses[limit:]) == {429}


def test_the_write_limit_is_counted_for_every_worker(api_client, paper, make_reader, settings):
    settings.QUOTIDIEN_API_WRITE_RATE = "3/h"
    token = ask_token(api_client, make_reader().email, PASSWORD).json()["token"]

    def post(number):
        # Each request as if another worker took it: nothing kept in a worker's memory.
        cache.clear()
        return api_client.post(
            f"/api/v1/articles/{paper['lead'].pk}/comments/",
            {"body": f"Réaction {number}"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    statuses = [post(number).status_code for number in range(5)]

    assert statuses == [201, 201, 201, 429, 429]
