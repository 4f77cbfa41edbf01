"""Agencies push wires to POST /api/v1/wires/ with their token."""

import json
from pathlib import Path

import pytest

from quotidien.ingest.models import AgencyFeed, WireItem
from quotidien.news.models import ArticlePage

SAMPLES = Path(__file__).parent.parent / "ingest" / "wires"
PORT = (SAMPLES / "ninjs1" / "alp-port-v1.json").read_bytes()
PORT_V2 = (SAMPLES / "ninjs1" / "alp-port-v2.json").read_bytes()
FESTIVAL = (SAMPLES / "newsml" / "alp-festival.xml").read_bytes()


@pytest.fixture
def feed(home, make_section, agency):
    section = make_section("Liban", slug="liban")
    return AgencyFeed.objects.create(
        agency=agency, arrival=AgencyFeed.Arrival.PUBLISH, default_section=section
    )


def push(client, body: bytes, token: str | None, content_type="application/json"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post("/api/v1/wires/", data=body, content_type=content_type, **headers)


def test_push_without_a_token_is_refused_with_a_bearer_challenge(api_client, feed):
    response = push(api_client, PORT, None)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["erreur"]["code"] == "non_authentifie"
    assert ArticlePage.objects.count() == 0


def test_push_with_a_wrong_token_is_refused(api_client, feed, wire_token):
    assert push(api_client, PORT, wire_token + "x").status_code == 401


def test_pushed_ninjs_wire_becomes_an_article_of_the_tokens_agency(
    api_client, feed, wire_token, agency
):
    response = push(api_client, PORT, wire_token)

    assert response.status_code == 201
    result = response.json()
    assert result["created"] == 1
    item = result["items"][0]
    assert item["outcome"] == "created"
    article = ArticlePage.objects.get(pk=item["article_id"])
    assert article.live and article.agency == agency
    assert "Photo « alp-port.jpg » absente" in item["warnings"][0]  # nothing fetched over HTTP


def test_pushing_the_same_wire_again_changes_nothing_and_a_newer_one_revises(
    api_client, feed, wire_token
):
    push(api_client, PORT, wire_token)

    again = push(api_client, PORT, wire_token)
    revised = push(api_client, PORT_V2, wire_token)

    assert again.status_code == 200 and again.json()["unchanged"] == 1
    assert revised.status_code == 200 and revised.json()["updated"] == 1
    assert ArticlePage.objects.count() == 1
    assert ArticlePage.objects.get().title.startswith("Port de Beyrouth : le terminal")


def test_pushing_a_draft_again_once_the_feed_publishes_publishes_it(api_client, feed, wire_token):
    feed.arrival = AgencyFeed.Arrival.DRAFT
    feed.save()
    first = push(api_client, PORT, wire_token).json()
    assert not ArticlePage.objects.get(pk=first["items"][0]["article_id"]).live

    feed.arrival = AgencyFeed.Arrival.PUBLISH
    feed.save()
    again = push(api_client, PORT, wire_token)

    assert again.status_code == 200
    assert again.json()["published"] == 1
    assert again.json()["items"][0]["outcome"] == "published"
    assert ArticlePage.objects.get().live


def test_pushed_newsml_message_is_imported(api_client, feed, wire_token):
    response = push(api_client, FESTIVAL, wire_token, content_type="application/xml")

    assert response.status_code == 201
    assert WireItem.objects.get().guid == "urn:newsml:alp.example:20240504:festival-baalbek"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ((SAMPLES / "malformed" / "billion-laughs.xml").read_bytes(), "XML refusé"),
        ((SAMPLES / "malformed" / "truncated.json").read_bytes(), "JSON illisible"),
        (json.dumps({"uri": "urn:x", "body_text": "Sans titre"}).encode(), "Titre absent"),
    ],
)
def test_unusable_wire_is_a_422_naming_the_problem(api_client, feed, wire_token, body, message):
    response = push(api_client, body, wire_token)

    assert response.status_code == 422
    error = response.json()["erreur"]
    assert error["code"] == "depeche_refusee"
    assert message in error["details"][0]["message"]
    assert ArticlePage.objects.count() == 0


def test_a_version_number_too_large_or_not_in_ascii_digits_counts_as_none(
    api_client, feed, wire_token
):
    wire = {"uri": "urn:v", "headline": "Le port rouvre", "body_text": "Les quais reprennent."}

    for number, version in enumerate((10**23, "²", "٣")):
        pushed = {**wire, "uri": f"urn:v{number}", "version": version}
        assert push(api_client, json.dumps(pushed).encode(), wire_token).status_code == 201

    assert ArticlePage.objects.filter(title="Le port rouvre").count() == 3


def test_a_refused_wire_s_identifier_is_not_echoed_whole(api_client, feed, wire_token):
    wire = {"uri": "urn:" + "x" * 100_000, "headline": "Le port", "body_text": "Les quais."}

    response = push(api_client, json.dumps(wire).encode(), wire_token)

    assert response.status_code == 422
    (detail,) = response.json()["erreur"]["details"]
    assert "Identifiant trop long" in detail["message"]
    assert len(detail["cible"]) <= 500 and detail["cible"].endswith("…")


def test_beside_an_imported_item_a_refused_identifier_is_not_echoed_whole(
    api_client, feed, wire_token
):
    good = {"uri": "urn:bon", "headline": "Le port rouvre", "body_text": "Les quais."}
    bad = {**good, "uri": "urn:" + "x" * 100_000}

    response = push(api_client, json.dumps([good, bad]).encode(), wire_token)

    assert response.status_code == 201
    answer = json.dumps(response.json())
    assert "x" * 1000 not in answer
    assert ArticlePage.objects.get().title == "Le port rouvre"


def test_too_large_wire_is_a_413(api_client, feed, wire_token, settings):
    settings.QUOTIDIEN_WIRE_MAX_BYTES = 1000

    response = push(api_client, PORT, wire_token)

    assert response.status_code == 413
    assert "Fichier trop volumineux" in response.json()["erreur"]["message"]


@pytest.mark.parametrize("content_type", ["image/png", "text/plain", "application/octet-stream"])
def test_empty_body_and_foreign_content_types_are_refused(
    api_client, feed, wire_token, content_type
):
    assert push(api_client, b"", wire_token).status_code == 400
    response = push(api_client, PORT, wire_token, content_type=content_type)
    assert response.status_code == 415
    assert response.json()["erreur"]["code"] == "type_non_pris_en_charge"
    assert "application/json" in response.json()["erreur"]["message"]
    assert ArticlePage.objects.count() == 0


def test_inactive_feed_is_a_403(api_client, feed, wire_token):
    AgencyFeed.objects.filter(pk=feed.pk).update(active=False)

    response = push(api_client, PORT, wire_token)

    assert response.status_code == 403
    assert "désactivé" in response.json()["erreur"]["message"]


def test_pushes_beyond_the_rate_limit_get_a_429_with_retry_after(
    api_client, feed, wire_token, settings
):
    # An hour's window: a minute's edge, which restarts the count, may fall between pushes
    # on a busy machine.
    settings.QUOTIDIEN_API_WRITE_RATE = "2/h"

    statuses = [push(api_client, PORT, wire_token).status_code for _ in range(3)]
    limited = push(api_client, PORT, wire_token)

    assert statuses == [201, 200, 429]
    assert limited.json()["erreur"]["code"] == "trop_de_requetes"
    assert 0 < int(limited["Retry-After"]) <= 3600
