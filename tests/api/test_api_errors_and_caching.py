"""Every error has one JSON shape in French; reads carry caching headers and answer 304."""

import pytest
from django.test import Client

from quotidien.api import content
from tests.api.address import SITE_URL


def error_of(response) -> dict:
    assert response["Content-Type"].startswith("application/json")
    return response.json()["erreur"]


@pytest.mark.parametrize(
    ("query", "target", "message"),
    [
        ("limit=0", "limit", "Doit être supérieur ou égal à 1."),
        ("limit=abc", "limit", "Nombre entier attendu."),
        ("offset=-3", "offset", "Doit être supérieur ou égal à 0."),
        ("since=hier", "since", "Date attendue : AAAA-MM-JJ"),
        ("until=2024-02-30", "until", "Date attendue : AAAA-MM-JJ"),
        ("section=<script>", "section", "Numéro ou slug de rubrique attendu"),
        ("until=2024-01-01&until=2024-02-01", "until", "Donné plusieurs fois"),
    ],
)
def test_bad_query_parameters_are_a_400_naming_the_parameter(
    api_client, db, query, target, message
):
    response = api_client.get(f"/api/v1/articles/?{query}")

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "requete_invalide"
    assert error["details"][0]["cible"] == target
    assert message in error["details"][0]["message"]


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/api/v1/articles/?limit=1.0", "limit"),
        ("/api/v1/articles/?offset=1_0", "offset"),
        ("/api/v1/articles/?limit=%201", "limit"),
        ("/api/v1/search/?q=eau&page=2.0", "page"),
        ("/api/v1/articles/{id}/comments/?limit=1_0", "limit"),
    ],
)
def test_numbers_in_a_query_are_written_in_digits(api_client, paper, path, target):
    response = api_client.get(path.format(id=paper["lead"].pk))

    assert response.status_code == 400
    assert error_of(response)["details"] == [{"cible": target, "message": "Nombre entier attendu."}]


@pytest.mark.parametrize("number", ["1_0", "%2010", "10.0", "%EF%BC%91%EF%BC%90"])
@pytest.mark.parametrize("path", ["/api/v1/articles/{}/", "/api/v1/articles/{}/comments/"])
def test_an_article_number_in_the_address_is_written_in_digits(api_client, paper, path, number):
    response = api_client.get(path.format(number))

    assert response.status_code == 400
    assert error_of(response)["details"] == [
        {"cible": "article_id", "message": "Nombre entier attendu."}
    ]


@pytest.mark.parametrize(
    "query",
    ["until=0001-01-01T00:00:00%2B05:00", "since=9999-12-31", "until=9999-12-31T23:59:59-12:00"],
)
def test_dates_at_the_ends_of_the_calendar_are_answered_not_crashed_on(api_client, paper, query):
    response = api_client.get(f"/api/v1/articles/?{query}")

    assert response.status_code == 200


@pytest.mark.parametrize("query", ["until=1307-10-09", "since=9999-01-01"])
def test_search_dates_out_of_range_are_said_as_dates(api_client, db, query):
    response = api_client.get(f"/api/v1/search/?q=port&{query}")

    assert response.status_code == 400
    assert error_of(response)["details"][0]["message"] == (
        "Date du 01/01/1900 au 31/12/2999 attendue."
    )


def test_wrong_method_is_a_405_with_allow(api_client, db):
    response = api_client.delete("/api/v1/articles/")

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert error_of(response)["code"] == "methode_non_autorisee"


def test_unknown_address_under_api_is_a_json_404(api_client, db):
    response = api_client.get("/api/v1/pas-ici/")

    assert response.status_code == 404
    assert "/api/v1/docs" in error_of(response)["message"]


def test_huge_article_number_is_a_404(api_client, db):
    response = api_client.get(f"/api/v1/articles/{10**30}/")

    assert response.status_code == 404


def test_server_error_is_a_json_500_without_details(db, monkeypatch):
    def broken(request):
        raise RuntimeError("base de données en panne")

    monkeypatch.setattr(content, "section_list", broken)
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)

    response = client.get("/api/v1/sections/")

    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "erreur_interne"
    assert "panne" not in error["message"]


def test_index_lists_the_endpoints_and_the_schema(api_client, db):
    index = api_client.get("/api/v1/").json()

    assert index["openapi"] == f"{SITE_URL}/api/v1/openapi.json"
    assert index["articles"] == f"{SITE_URL}/api/v1/articles/"


def test_reads_are_publicly_cacheable_with_an_etag(api_client, paper):
    response = api_client.get("/api/v1/articles/")

    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"].startswith('"')


def test_same_etag_gets_a_304_and_a_change_gets_a_new_answer(api_client, paper, make_article):
    etag = api_client.get("/api/v1/articles/")["ETag"]

    unchanged = api_client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)
    make_article(paper["sections"]["monde"], "Dernière minute")
    changed = api_client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)

    assert unchanged.status_code == 304 and unchanged.content == b""
    assert changed.status_code == 200
    assert changed.json()["items"][0]["title"] == "Dernière minute"


def test_article_has_last_modified_and_honours_if_modified_since(api_client, paper):
    url = f"/api/v1/articles/{paper['lead'].pk}/"
    last_modified = api_client.get(url)["Last-Modified"]

    response = api_client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)

    assert last_modified.endswith("GMT")
    assert response.status_code == 304


def test_errors_are_not_cached_as_public_reads(api_client, db):
    response = api_client.get("/api/v1/articles/424242/")

    assert "public" not in response.get("Cache-Control", "")
    assert not response.has_header("ETag")


def test_head_is_answered_like_get_without_a_body(api_client, paper):
    response = api_client.head("/api/v1/sections/")

    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == api_client.get("/api/v1/sections/")["ETag"]
