"""Anonymous readers' reads go to the read replica; writes, the back office, logged-in
readers and whoever just wrote read the primary."""

from contextlib import contextmanager

import pytest
from django.db import OperationalError, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from quotidien.corrections.models import ReplyRequest
from quotidien.news.models import ArticlePage
from quotidien.pagecache import reads
from quotidien.replica import PIN_COOKIE, REPLICA, _replica_reads

BOTH = ["default", "replica"]


@contextmanager
def queries():
    """The queries run on the primary and on the replica, in that order."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        yield primary, replica


@pytest.fixture
def article(replica_database, make_section, make_article):
    return make_article(make_section("Liban"), "Le barrage de Qaraoun se remplit")


@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=BOTH)
def test_anonymous_readers_pages_feeds_sitemaps_search_and_api_come_from_the_replica(article):
    # Committed, as on a real replica, which sees nothing of a transaction still open.
    reader = Client()
    for first, url in (
        (article.url, article.url),
        (article.get_parent().url, article.get_parent().url),
        ("/rss/", "/rss/"),
        ("/sitemap-news.xml", "/sitemap-news.xml"),
        # Search keeps its results in each process: another search asks the database.
        ("/recherche/?q=remplit", "/recherche/?q=barrage"),
        ("/api/v1/articles/", "/api/v1/articles/"),
    ):
        # The first visit writes what pages are kept under (their version tokens); the
        # reads it kept are dropped, as after a change: the page reads the database again.
        reader.get(first)
        reads.forget()
        with queries() as (primary, replica):
            response = reader.get(url)
        assert response.status_code == 200, url
        assert "Le barrage de Qaraoun" in response.content.decode(), url
        assert (len(primary), len(replica) > 0) == (0, True), url


@pytest.mark.django_db(databases=BOTH)
def test_writes_the_back_office_and_logged_in_readers_use_the_primary(
    article, admin_user, make_reader
):
    editor = Client()
    editor.force_login(admin_user)
    reader = Client()
    reader.force_login(make_reader("Rima K."))
    for client, method, url in (
        (editor, "get", f"/admin/pages/{article.pk}/edit/"),
        (reader, "get", article.url),
        (reader, "get", "/api/v1/articles/"),
        (Client(), "post", "/compte/inscription/"),
        (Client(HTTP_AUTHORIZATION="Bearer inconnu"), "get", "/api/v1/articles/"),
    ):
        with queries() as (primary, replica):
            getattr(client, method)(url)
        assert (len(primary) > 0, len(replica)) == (True, 0), (method, url)


@pytest.mark.django_db(databases=BOTH)
def test_whoever_just_wrote_reads_their_own_writing_from_the_primary(article):
    person = Client()
    sent = person.post(
        "/droit-de-reponse/",
        {
            "name": "Élie Sfeir",
            "email": "elie@example.org",
            "article": f"http://testserver{article.url}",
            "text": "Je n’ai jamais tenu ces propos. " * 3,
            "declaration": "on",
        },
    )
    assert sent.status_code == 302 and PIN_COOKIE in sent.cookies

    # The receipt reads the request just filed: from a replica that had not replayed it
    # yet, the person would be told it does not exist.
    with queries() as (primary, replica):
        receipt = person.get(sent["Location"])
    assert ReplyRequest.objects.get().reference in receipt.content.decode()
    assert (len(primary) > 0, len(replica)) == (True, 0)

    # Every page, for the time the pin holds; a pin made up elsewhere holds nothing.
    with queries() as (primary, replica):
        person.get(article.url)
    assert (len(primary) > 0, len(replica)) == (True, 0)
    forger = Client()
    forger.cookies[PIN_COOKIE] = "1"
    with queries() as (primary, replica):
        forger.get(article.url)
    assert (len(primary), len(replica) > 0) == (0, True)


@pytest.mark.django_db(databases=BOTH)
def test_reads_in_a_transaction_and_without_a_request_stay_on_the_primary(article):
    with queries() as (primary, replica):
        list(ArticlePage.objects.filter(pk=article.pk))
    assert (len(primary), len(replica)) == (1, 0)

    # As during an anonymous reader's request: reads go to the replica, unless a
    # transaction is open, whose reads must see its own writes; an object read from the
    # replica is saved to the primary.
    token = _replica_reads.set(True)
    try:
        with queries() as (primary, replica):
            list(ArticlePage.objects.filter(pk=article.pk))
            with transaction.atomic():
                list(ArticlePage.objects.filter(pk=article.pk))
            article._state.db = REPLICA
            article.save(update_fields=["title"])
    finally:
        _replica_reads.reset(token)
    assert len(replica) == 1 and "UPDATE" not in replica.captured_queries[0]["sql"]
    assert len(primary) >= 2 and any("UPDATE" in query["sql"] for query in primary.captured_queries)


@pytest.mark.django_db(databases=BOTH)
def test_a_replica_that_does_not_answer_is_left_aside_until_it_is_back(article, settings):
    settings.DATABASE_REPLICA_CHECK_SECONDS = 0

    def stopped(execute, sql, params, many, context):
        raise OperationalError("the database system is shutting down")

    with connections["replica"].execute_wrapper(stopped):
        with queries() as (primary, replica):
            page = Client().get(article.url)
    assert page.status_code == 200 and "Le barrage de Qaraoun" in page.content.decode()
    assert len(primary) > 0

    with queries() as (primary, replica):
        Client().get(article.url)
    assert (len(primary), len(replica) > 0) == (0, True)
