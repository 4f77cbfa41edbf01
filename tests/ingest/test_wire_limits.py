"""Wires too big to be stories are refused quickly, in French, and leave nothing behind:
too many items in one push or file, too many paragraphs in one item, too many bytes."""

import gc
import json
import time

import pytest

from quotidien.ingest.body import blocks_from_html, blocks_from_text
from quotidien.ingest.formats import read_wire
from quotidien.ingest.importer import import_path
from quotidien.ingest.models import AgencyFeed, ImportReportLine, WireItem
from quotidien.ingest.stories import WireError, WireStory
from quotidien.ingest.tokens import create_wire_token
from quotidien.news.models import ArticlePage

Outcome = ImportReportLine.Outcome
G2 = "http://iptc.org/std/nar/2006-10-01/"


def ninjs_item(number: int, *, paragraphs: int = 2) -> dict:
    body = "".join(f"<p>Paragraphe {index}.</p>" for index in range(paragraphs))
    return {"uri": f"urn:alp:limite-{number}", "headline": f"Dépêche {number}", "body_html": body}


def newsml_message(items: int) -> bytes:
    news_items = "".join(
        f'<newsItem guid="urn:alp:g2-{number}" version="1"><contentMeta>'
        f"<headline>Dépêche {number}</headline></contentMeta><contentSet>"
        f'<inlineData contenttype="text/plain">Texte {number}.</inlineData>'
        "</contentSet></newsItem>"
        for number in range(items)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><newsMessage xmlns="{G2}">'
        f"<itemSet>{news_items}</itemSet></newsMessage>"
    ).encode()


@pytest.fixture
def pushed(home, make_section, alp, client):
    section = make_section("Liban", slug="liban")
    AgencyFeed.objects.create(
        agency=alp, arrival=AgencyFeed.Arrival.PUBLISH, default_section=section
    )
    token, _record = create_wire_token(agency=alp, label="test")

    def push(body: bytes, content_type="application/json"):
        return client.post(
            "/api/v1/wires/",
            data=body,
            content_type=content_type,
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    return push


def stories(entries) -> list[WireStory]:
    return [entry for entry in entries if isinstance(entry, WireStory)]


def errors(entries) -> list[WireError]:
    return [entry for entry in entries if isinstance(entry, WireError)]


def test_a_push_of_101_items_is_a_413_and_imports_none(pushed):
    body = json.dumps([ninjs_item(number) for number in range(101)]).encode()

    response = pushed(body)

    assert response.status_code == 413
    error = response.json()["erreur"]
    assert error["code"] == "trop_volumineux"
    assert "101 dépêches" in error["message"] and "100 au plus" in error["message"]
    assert not WireItem.objects.exists()
    assert not ArticlePage.objects.exists()


def test_a_document_of_100_items_is_read_whole():
    body = json.dumps([ninjs_item(number) for number in range(100)]).encode()

    assert len(stories(read_wire(body, source="lot.json"))) == 100


def test_a_newsml_message_of_too_many_items_is_refused(settings):
    settings.QUOTIDIEN_WIRE_MAX_ITEMS = 3

    [error] = read_wire(newsml_message(4), source="lot.xml")

    assert error.too_large
    assert "4 dépêches" in error.message and "3 au plus" in error.message
    assert len(stories(read_wire(newsml_message(3), source="lot.xml"))) == 3


def test_an_item_of_200000_paragraphs_is_refused_quickly_with_a_413(pushed):
    body = json.dumps(ninjs_item(1, paragraphs=200_000)).encode()

    started = time.monotonic()
    response = pushed(body)
    elapsed = time.monotonic() - started

    assert response.status_code == 413
    message = response.json()["erreur"]["details"][0]["message"]
    assert "paragraphes" in message and "QUOTIDIEN_WIRE_MAX_PARAGRAPHS" in message
    assert elapsed < 5
    assert not WireItem.objects.exists()


def test_one_item_too_long_fails_alone_in_a_push(pushed, settings):
    settings.QUOTIDIEN_WIRE_MAX_PARAGRAPHS = 10
    body = json.dumps([ninjs_item(1, paragraphs=11), ninjs_item(2, paragraphs=10)]).encode()

    response = pushed(body)

    assert response.status_code == 201
    outcomes = [item["outcome"] for item in response.json()["items"]]
    assert outcomes == [Outcome.FAILED, Outcome.CREATED]
    assert list(WireItem.objects.values_list("guid", flat=True)) == ["urn:alp:limite-2"]


@pytest.mark.parametrize("kind", ["html", "text", "newsml"])
def test_paragraph_limit_holds_for_every_body_format(settings, kind):
    settings.QUOTIDIEN_WIRE_MAX_PARAGRAPHS = 5
    if kind == "html":
        body = json.dumps(ninjs_item(1, paragraphs=6)).encode()
    elif kind == "text":
        item = {"uri": "urn:t", "headline": "T", "body_text": "\n\n".join(["Ligne."] * 6)}
        body = json.dumps(item).encode()
    else:
        body = newsml_message(1).replace(b"Texte 0.", "\n\n".join(["Ligne."] * 6).encode())

    [error] = read_wire(body, source="long")

    assert error.too_large and "5 au plus" in error.message


def test_a_file_of_too_many_items_is_a_failed_line_of_its_report(desk, tmp_path, settings):
    settings.QUOTIDIEN_WIRE_MAX_ITEMS = 2
    path = tmp_path / "lot.json"
    path.write_text(json.dumps([ninjs_item(number) for number in range(3)]))

    run = import_path(path=path)

    [line] = run.report.lines.all()
    assert line.outcome == Outcome.FAILED
    assert "3 dépêches" in line.message and "QUOTIDIEN_WIRE_MAX_ITEMS" in line.message
    assert not WireItem.objects.exists()


def cpu_seconds(convert, text: str) -> float:
    """The processor time `convert(text)` takes in this process, best of three runs, the
    garbage collector held: other processes (the suites run side by side) do not count in
    it as they do in wall time, and a collection falling in one run does not either."""
    runs = []
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            convert(text)
            runs.append(time.process_time() - started)
        finally:
            gc.enable()
    return min(runs)


def assert_linear(convert, make_text, size: int, *, at_most: float) -> None:
    """`convert` takes at most `at_most` seconds of `make_text(8 * size)`, and about eight
    times what it takes of `make_text(size)`: sixty-four times is quadratic growth, and so
    is thirty-six times when the quadratic part is as slow as the rest at `size`. The
    bound, twice the linear ratio, leaves room for a busy machine's noise."""
    small = cpu_seconds(convert, make_text(size))
    large = cpu_seconds(convert, make_text(8 * size))
    assert large < at_most, f"{large:.4f} s of processor time"
    # The slack absorbs the clock's resolution on a run of a few milliseconds.
    assert large < 16 * small + 0.01, f"{small:.4f} s, then {large:.4f} s for eight times more"


@pytest.mark.parametrize(
    "body",
    [
        lambda n: "<p>x" + "<br>" * n + " y</p>",
        lambda n: "<p>" + "<b>" * n + "</i>" * n + "x</p>",
        lambda n: "<p>" + "<br>" * n + "x</p>",
        lambda n: "<ul>" + "<li>x" * n + "</ul>",
        lambda n: "<blockquote>" + "x<br>" * n + "</blockquote>",
    ],
    ids=["trailing-breaks", "unmatched-closings", "leading-breaks", "list", "quote"],
)
def test_body_conversion_stays_linear(body, settings):
    settings.QUOTIDIEN_WIRE_MAX_PARAGRAPHS = 10**9

    assert_linear(blocks_from_html, body, 5_000, at_most=1.5)


def test_plain_text_conversion_stays_linear():
    assert_linear(blocks_from_text, lambda n: "x" + "\n" * n + "y", 25_000, at_most=1)
