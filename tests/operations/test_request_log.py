"""With REQUEST_LOG=json, each request makes one JSON line, pages from the cache included,
and no line holds what identifies a reader."""

import json
import os
from datetime import datetime

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections
from django.test import RequestFactory

from quotidien.pagecache.front import PageCacheFront
from quotidien.requestlog import RequestLog


@pytest.fixture
def log():
    """Where the request log writes: `log.lines()` parses what it wrote."""
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)

    class Log:
        fd = write_end

        @staticmethod
        def lines():
            return [json.loads(line) for line in os.read(read_end, 65536).splitlines()]

    yield Log
    os.close(read_end)
    os.close(write_end)


@pytest.fixture
def keeping_connections():
    """Django's handler, as the test client runs it: connections outlive a request, which
    would otherwise end the test's transaction."""
    request_started.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)


def request(application, url, **headers):
    environ = RequestFactory().get(url, headers=headers).environ
    # What a WSGI server passes: the path's UTF-8 bytes as Latin-1 text (PEP 3333).
    environ["PATH_INFO"] = environ["PATH_INFO"].encode().decode("latin-1")
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    body = b"".join(application(environ, start_response))
    return answer, body


@pytest.mark.django_db
def test_a_page_from_the_cache_and_one_rendered_each_log_one_line(
    settings, log, keeping_connections, make_section, make_article
):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    article = make_article(make_section("Liban"), "Le barrage de Qaraoun se remplit")
    site = RequestLog(PageCacheFront(WSGIHandler()), fd=log.fd)

    rendered, rendered_body = request(site, f"{article.url}?utm_source=lettre")
    cached, cached_body = request(site, article.url)

    assert rendered["headers"]["X-Page-Cache"] == "miss"
    assert cached["headers"]["X-Page-Cache"] == "hit"
    miss, hit = log.lines()
    assert {key: miss[key] for key in ("method", "path", "query", "status", "bytes", "cache")} == {
        "method": "GET",
        "path": article.url,
        "query": "utm_source=lettre",
        "status": 200,
        "bytes": len(rendered_body),
        "cache": "miss",
    }
    assert (hit["path"], hit["status"], hit["bytes"], hit["cache"]) == (
        article.url,
        200,
        len(cached_body),
        "hit",
    )
    assert hit["duration_ms"] < miss["duration_ms"]
    assert datetime.fromisoformat(hit["time"]) >= datetime.fromisoformat(miss["time"])


def test_lines_leave_out_gift_links_tokens_and_e_mail_addresses(log):
    def django(environ, start_response):
        start_response("404 Not Found", [("Content-Type", "text/html")])
        return [b"introuvable"]

    site = RequestLog(django, fd=log.fd)
    request(site, "/liban/barrage/?cadeau=Zx81kQ&page=2")
    request(site, "/compte/confirmer/MTI:1tXyZ:abc/")
    request(site, "/compte/mot-de-passe/MTI/cf3-a8e1b2/")
    request(site, "/abonnement/?email=rima%40example.org")

    lines = log.lines()
    assert [(line["path"], line["query"]) for line in lines] == [
        ("/liban/barrage/", "cadeau&page=2"),
        ("/compte/confirmer/…/", ""),
        ("/compte/mot-de-passe/MTI/…/", ""),
        ("/abonnement/", "email"),
    ]
    assert {(line["status"], line["bytes"], line["cache"]) for line in lines} == {(404, 11, None)}


def test_a_request_that_fails_is_logged_as_the_500_it_becomes(log):
    def failing(environ, start_response):
        raise ConnectionError("Redis injoignable")

    site = RequestLog(failing, fd=log.fd)
    with pytest.raises(ConnectionError):
        request(site, "/liban/" + "long-" * 400)

    [line] = log.lines()
    assert line["status"] == 500 and line["path"].startswith("/liban/long-")
    assert len(line["path"]) == 1000
