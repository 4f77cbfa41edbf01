"""The WSGI entry answers cached pages before Django, exactly as Django would, never stale."""

import time
from urllib.parse import unquote

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core import signing
from django.core.cache import caches
from django.db import transaction
from django.test import Client, RequestFactory
from wagtail.models import PageViewRestriction

from quotidien.comments.models import Comment
from quotidien.moderation import services as moderation
from quotidien.pagecache import versions
from quotidien.pagecache.front import PageCacheFront
from quotidien.pagecache.stamp import ChangeStamp

pytestmark = pytest.mark.django_db


class Django:
    """Stands for Django's handler behind the front: says when a request reached it."""

    def __init__(self):
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"rendered by Django"]


def signed_messages() -> str:
    """A messages cookie as Django's cookie storage signs it."""
    return signing.get_cookie_signer(salt=CookieStorage.key_salt).sign("[]")


def through_front(url, method="get", **headers):
    django = Django()
    request = getattr(RequestFactory(), method)(url, headers=headers)
    # What a WSGI server passes: the path's UTF-8 bytes as Latin-1 text (PEP 3333), which
    # Django's request decodes in place.
    environ = {**request.environ, "PATH_INFO": request.path_info.encode().decode("latin-1")}
    answer = {}

    def start_response(status, response_headers):
        answer.update(status=status, headers=dict(response_headers))

    body = b"".join(PageCacheFront(django)(environ, start_response))
    return answer["status"], answer["headers"], body, django.calls


def cached(url):
    """Visit `url` twice as an anonymous reader: the page is in the cache."""
    Client().get(url)
    return Client().get(url)


def test_front_serves_a_cached_page_as_the_site_does(paper, settings):
    url = paper["article"].url
    settings.PAGE_CACHE = False
    rendered = Client().get(url)
    settings.PAGE_CACHE = True
    hit = cached(url)

    status, headers, body, calls = through_front(url)

    assert (status, calls) == ("200 OK", 0)
    assert body == hit.content == rendered.content
    assert headers == dict(hit.items())
    # Every header of the page rendered without the cache, but those the cache states.
    own = {"Cache-Control", "Expires", "ETag", "Last-Modified", "Vary", "Content-Length"}
    assert {name: rendered[name] for name in rendered.headers if name not in own} == {
        name: value
        for name, value in headers.items()
        if name in rendered.headers and name not in own
    }
    assert "Cookie" in headers["Vary"] and headers["Content-Length"] == str(len(body))


def test_a_cached_page_costs_no_query(paper, django_assert_num_queries):
    url = paper["article"].url
    cached(url)

    with django_assert_num_queries(0):
        assert through_front(url)[3] == 0


def test_front_leaves_a_changed_page_to_django(paper):
    article = paper["article"]
    cached(article.url), cached("/")

    article.title = "Le barrage de Qaraoun déborde"
    article.save_revision().publish()

    assert through_front(article.url)[2:] == (b"rendered by Django", 1)
    assert through_front("/")[3] == 1


def test_a_change_made_by_another_process_is_seen_at_once(paper, settings):
    url = paper["article"].url
    cached(url)
    assert through_front(url)[3] == 0

    # What another web or newsroom process does: new token, new stamp in shared memory.
    caches["versions"].set(versions.SITE, "changed elsewhere")
    ChangeStamp(settings.PAGE_CACHE_CHANGE_STAMP).renew()

    assert through_front(url)[3] == 1


def test_a_change_from_another_machine_is_seen_once_the_memo_lapses(paper, monkeypatch):
    url = paper["article"].url
    cached(url)
    monkeypatch.setattr(versions, "MEMO_SECONDS", 0.2)
    assert through_front(url)[3] == 0

    # Another machine shares the database, not this one's stamp: only the token changes.
    caches["versions"].set(versions.SITE, "changed elsewhere")
    time.sleep(0.25)

    assert through_front(url)[3] == 1


def test_conditional_and_head_requests(paper):
    url = paper["article"].url
    hit = cached(url)

    status, headers, body, calls = through_front(url, if_none_match=hit["ETag"])
    assert (status, body, calls) == ("304 Not Modified", b"", 0)
    assert headers["ETag"] == hit["ETag"] and "Content-Length" not in headers

    status, headers, body, calls = through_front(url, method="head")
    assert (status, body, calls) == ("200 OK", b"", 0)
    assert headers["Content-Length"] == str(len(hit.content))


@pytest.mark.parametrize(
    ("method", "headers"),
    [
        ("get", {"cookie": "sessionid={session}"}),
        ("get", {"cookie": f"messages={signed_messages()}"}),
        ("post", {}),
    ],
)
def test_readers_with_a_session_and_posts_go_to_django(paper, method, headers):
    url = paper["article"].url
    cached(url)
    session = SessionStore()
    session["lu"] = True
    session.create()
    headers = {name: value.format(session=session.session_key) for name, value in headers.items()}

    assert through_front(url, method=method, **headers)[3] == 1


def test_a_session_cookie_that_names_no_session_gets_the_cached_page(paper):
    url = paper["article"].url
    cached(url)

    assert through_front(url, cookie="sessionid=inventee")[3] == 0


def test_a_messages_cookie_the_site_did_not_sign_gets_the_cached_page(paper):
    url = paper["article"].url
    cached(url)

    assert through_front(url, cookie="messages=abc")[3] == 0
    assert through_front(url, cookie=f"messages={signed_messages()[:-1]}x")[3] == 0


def test_other_hosts_and_schemes_are_other_pages(paper, settings):
    url = paper["article"].url
    cached(url)

    assert through_front(url, host="autre.example")[3] == 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert through_front(url, x_forwarded_proto="https")[3] == 1
    assert through_front(url, x_forwarded_proto="http")[3] == 0


def test_a_change_inside_a_transaction_outdates_again_at_commit(
    paper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            versions.outdate_site()
            during = versions.current([versions.SITE])

    assert versions.current([versions.SITE]) != during


@pytest.mark.parametrize("slug", ["société-civile", "بيروت-الشرقية"])
def test_addresses_beyond_ascii_are_cached_and_outdated(
    paper, slug, make_article, make_reader, moderator
):
    article = make_article(paper["section"], "Un titre", slug=slug)
    assert unquote(article.url).endswith(f"/{slug}/")
    hit = cached(article.url)
    assert hit["X-Page-Cache"] == "hit"
    assert through_front(article.url)[3] == 0

    comment = Comment.objects.create(article=article, author=make_reader(), body="Bien vu.")
    moderation.approve(comments=[comment], moderator=moderator)

    assert through_front(article.url)[3] == 1
    assert "Bien vu." in Client().get(article.url).content.decode()


def test_a_page_made_private_leaves_the_cache(paper):
    article = paper["article"]
    cached(article.url)

    PageViewRestriction.objects.create(page=article, restriction_type="login")

    assert through_front(article.url)[3] == 1
    assert Client().get(article.url).status_code == 302
