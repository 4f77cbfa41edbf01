"""A query holding control characters (a NUL typed in the address) is refused with the
form's message, and the page never writes those characters back: not in its title, its
description or its search box."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["\x00", "olives\x00", "oli\x1bves\x7f"])
def test_the_search_page_never_echoes_control_characters(client, home, query):
    response = client.get("/recherche/", {"q": query})

    html = response.content.decode()
    assert not [char for char in html if ord(char) < 32 and char not in "\t\n\r"]
    assert "\x7f" not in html
    if query != "\x00":
        assert "<title>Recherche : olives" in html.replace("\u202f", " ")
