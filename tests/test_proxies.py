"""Behind a trusted proxy the reader's address is read in X-Forwarded-For, and only there:
the login lockout, the institutions' ranges and the page cache's front see each reader,
and a client that writes the header itself changes nothing."""

from contextlib import contextmanager

import pytest
from django.core import signals
from django.core.cache import caches
from django.db import close_old_connections
from django.test import RequestFactory, override_settings

from quotidien import proxies
from quotidien.news.models import Access
from quotidien.proxies import PEER, client_address, networks, settle
from quotidien.subscriptions.models import Institution, IPRange

LOGIN = "/compte/connexion/"
PASSWORD = "lecture-Secrete-1"
LOCKED = "Le détail des contrats du port reste confidentiel"
VARNISH = networks(("127.0.0.1", "10.0.0.0/8"))


@pytest.mark.parametrize(
    ("peer", "forwarded", "reader"),
    [
        # Not a proxy of ours: whatever it writes, its own address.
        ("198.51.100.5", "192.0.2.1", "198.51.100.5"),
        # Varnish: the address it appended, not what the client wrote before it.
        ("127.0.0.1", "192.0.2.1, 203.0.113.9", "203.0.113.9"),
        # A load balancer, then Varnish: both skipped.
        ("127.0.0.1", "203.0.113.9, 10.1.2.3", "203.0.113.9"),
        ("::ffff:127.0.0.1", "2001:db8::7", "2001:db8::7"),
        # Garbage ends the walk at the last address a proxy of ours wrote.
        ("127.0.0.1", "203.0.113.9, <script>, 10.1.2.3", "10.1.2.3"),
        ("127.0.0.1", "unknown", "127.0.0.1"),
        ("127.0.0.1", "", "127.0.0.1"),
    ],
)
def test_the_readers_address_is_the_rightmost_that_no_trusted_proxy_wrote(peer, forwarded, reader):
    assert client_address(peer, forwarded, VARNISH) == reader


def test_nobody_is_trusted_by_default_and_the_address_is_settled_once(settings):
    environ = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    settle(environ)
    assert environ["REMOTE_ADDR"] == "127.0.0.1"

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    environ = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9, 127.0.0.1"}
    settle(environ)
    assert (environ["REMOTE_ADDR"], environ[PEER]) == ("203.0.113.9", "127.0.0.1")
    settle(environ)  # the middleware, after the WSGI entry
    assert environ["REMOTE_ADDR"] == "203.0.113.9"


def reader_of(forwarded: str, peer: str = "10.1.2.3") -> str:
    environ = {"REMOTE_ADDR": peer, "HTTP_X_FORWARDED_FOR": forwarded}
    settle(environ)
    return environ["REMOTE_ADDR"]


def test_the_trusted_proxies_are_read_again_when_the_setting_changes():
    with override_settings(TRUSTED_PROXIES=["10.0.0.0/8"]):
        assert reader_of("203.0.113.9") == "203.0.113.9"
        with override_settings(TRUSTED_PROXIES=["127.0.0.1"]):
            assert reader_of("203.0.113.9") == "10.1.2.3"
        assert reader_of("203.0.113.9") == "203.0.113.9"
    assert reader_of("203.0.113.9") == "10.1.2.3"


def test_the_trusted_proxies_are_parsed_once_however_the_setting_spells_them(monkeypatch):
    parsed = []
    monkeypatch.setattr(proxies, "networks", lambda entries: parsed.append(entries) or VARNISH)

    with override_settings(TRUSTED_PROXIES=("127.0.0.1", "10.0.0.0/8")):
        readers = {reader_of(f"203.0.113.{number}") for number in range(3)}

    assert readers == {"203.0.113.0", "203.0.113.1", "203.0.113.2"}
    assert len(parsed) == 1


@pytest.mark.django_db
def test_a_reader_behind_the_proxy_is_not_locked_out_by_another(
    client, home, make_reader, settings
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    make_reader(email="x5@example.org")
    guesser = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "x5@example.org", "password": "devine"}, **guesser)

    locked = client.post(LOGIN, {"username": "x5@example.org", "password": PASSWORD}, **guesser)
    reader = client.post(
        LOGIN,
        {"username": "x5@example.org", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )

    assert locked.status_code == 429
    assert reader.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.django_db
def test_a_forged_header_from_outside_does_not_escape_the_lockout(
    client, home, make_reader, settings
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    make_reader(email="x5@example.org")
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "x5@example.org", "password": "devine"},
            REMOTE_ADDR="198.51.100.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )

    response = client.post(
        LOGIN,
        {"username": "x5@example.org", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.5",
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )

    assert response.status_code == 429


@contextmanager
def served_as_by_a_server():
    """Django's handler as a WSGI server calls it, inside the test's transaction: without
    closing the connection at each request, as the test client does."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


def through_wsgi(url, reader):
    from quotidien.wsgi import application

    request = RequestFactory().get(url)
    environ = {**request.environ, "REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": reader}
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(dict(headers))

    body = b"".join(application(environ, start_response)).decode()
    return answer, body


@pytest.mark.django_db
def test_an_institution_behind_the_proxy_reads_in_full_past_the_page_cache(
    make_section, make_article, settings
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_CDN_SECONDS = 3600
    caches["pages"].clear()
    economy = make_section("Économie", slug="economie", access=Access.SUBSCRIBERS)
    article = make_article(
        economy,
        body=[
            ("paragraph", "<p>Les dockers ont repris le travail lundi matin.</p>"),
            ("subheading", "Des contrats opaques"),
            ("paragraph", f"<p>{LOCKED}, selon nos sources.</p>"),
        ],
    )
    university = Institution.objects.create(name="Université de la Montagne")
    IPRange.objects.create(institution=university, network="192.0.2.0/24")

    with served_as_by_a_server():
        first, _ = through_wsgi(article.url, "198.51.100.7")
        outside, teaser = through_wsgi(article.url, "198.51.100.7")
        inside, full = through_wsgi(article.url, "192.0.2.44")

    assert outside.get("X-Page-Cache") == "hit"
    assert LOCKED not in teaser
    # Nor may Varnish keep the teaser, which it would serve to the institution's readers.
    assert "s-maxage" not in first["Cache-Control"] + outside["Cache-Control"]
    assert LOCKED in full
    assert "Accès offert par Université de la Montagne." in full
