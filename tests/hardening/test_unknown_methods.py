"""A method no address of the site takes (TRACE, CONNECT, a made-up one) gets the same
answer everywhere: a 405 that names, in French and in `Allow`, the methods the address
takes; never the page."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db


def addresses(patterns=None, prefix: str = ""):
    """Every address the site's URL patterns name, with a made-up value for each part."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from addresses(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and not re.search(r"[\^$()\[\]]", route):
            route = re.sub(r"<int:\w+>", "7", route)
            yield "/" + re.sub(r"<(?:\w+:)?\w+>", "rien", route)


def test_every_address_refuses_trace_with_a_french_405(make_section):
    make_section("Politique")
    browser = Client()
    public = [a for a in addresses() if not a.startswith(("/admin/", "/api/"))]
    assert {"/recherche/", "/auteurs/", "/abonnement/", "/droit-de-reponse/"} <= set(public)

    for address in [*public, "/", "/politique/", "/admin/", "/api/v1/articles"]:
        response = browser.generic("TRACE", address)
        assert response.status_code == 405, address
        assert response["Allow"] and "TRACE" not in response["Allow"], address
        assert response.content.decode().startswith("Méthode non autorisée"), address


def test_a_made_up_method_names_the_methods_of_a_class_based_view(home):
    response = Client().generic("PROPFIND", "/compte/mot-de-passe/rien/rien/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, POST, PUT, HEAD, OPTIONS"


@pytest.mark.parametrize("method", ["DELETE", "PUT", "PATCH"])
def test_a_method_a_page_does_not_take_is_a_405_not_an_expired_form(make_section, method):
    make_section("Politique")

    for address in ("/", "/politique/", "/recherche/", "/droit-de-reponse/"):
        response = Client(enforce_csrf_checks=True).generic(method, address)
        assert response.status_code == 405, address
        assert method not in response["Allow"] and "GET" in response["Allow"], address
        assert response.content.decode().startswith("Méthode non autorisée"), address


def test_the_back_office_s_own_methods_pass(make_section, editor, client):
    article_section = make_section("Politique")

    # Wagtail clears a preview's data with a DELETE, through a plain routing function.
    cleared = client.delete(f"/admin/pages/{article_section.pk}/edit/preview/")

    assert cleared.status_code == 200


def test_a_post_to_the_search_page_is_a_405_not_an_expired_form(home):
    response = Client(enforce_csrf_checks=True).post("/recherche/", {"q": "port"})

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.content.decode().startswith("Méthode non autorisée")
