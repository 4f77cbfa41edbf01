"""An address carrying a NUL character names nothing: PostgreSQL refuses the character in a
text value, which must not become a server error. (A token that is no token is refused as
such, with its own page.)"""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/sujet/a%00b/",
    "/a%00b/",
    "/monde/a%00b/",
    "/monde/a%00b/commentaires/",
    "/rss/a%00b/",
    "/atom/monde/a%00b/",
    "/compte/confirmer/a%00b/",
    "/droit-de-reponse/recue/a%00b/",
    "/audience/lu/a%00b/",
]


def test_an_address_with_a_null_character_is_not_found(make_section):
    make_section("Monde")
    client = Client(raise_request_exception=False)
    answers = {address: client.get(address).status_code for address in ADDRESSES}

    assert answers["/sujet/a%00b/"] == 404
    assert {address: status for address, status in answers.items() if status >= 500} == {}
