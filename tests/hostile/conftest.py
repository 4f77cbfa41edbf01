"""Fixtures of the hostile-input tests: an article open for comments and a logged-in reader."""

import pytest


@pytest.fixture
def article(home, make_section, make_article):
    return make_article(make_section("Liban"), "Les pluies reviennent sur la Békaa")


@pytest.fixture
def reader(client, make_reader):
    user = make_reader("Rima K.")
    client.force_login(user)
    return user
