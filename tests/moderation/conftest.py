"""Fixtures of the moderation tests: an article to comment on and a moderator's browser."""

import pytest
from django.test import Client


@pytest.fixture
def article(make_section, make_article):
    return make_article(make_section("Liban"), "Coupures d’électricité à Tripoli")


@pytest.fixture
def staff_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client
