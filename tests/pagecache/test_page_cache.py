"""Anonymous readers get cached pages that are never stale; logged-in readers never get them."""

import uuid

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from quotidien.comments.models import Comment
from quotidien.comments.services import comment_submit
from quotidien.moderation import services as moderation
from quotidien.news.models import Author, HomePageTopStory

pytestmark = pytest.mark.django_db


def fetch(url, client=None):
    response = (client or Client()).get(url)
    return response, response.content.decode()


def test_second_anonymous_visit_is_served_from_the_cache(paper):
    url = paper["article"].url

    first, _ = fetch(url)
    second, html = fetch(url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert "Le barrage de Qaraoun se remplit" in html
    assert "max-age=0" in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert second["ETag"] and second["Last-Modified"]


def test_conditional_request_gets_304(paper):
    url = paper["article"].url
    etag = fetch(url)[0]["ETag"]

    response = Client().get(url, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""


def test_edit_shows_at_once_on_article_section_and_front_page(paper):
    article = paper["article"]
    for url in ("/", paper["section"].url, article.url):
        fetch(url), fetch(url)

    article.title = "Le barrage de Qaraoun déborde"
    article.save_revision().publish()

    for url in ("/", paper["section"].url, article.url):
        assert "Le barrage de Qaraoun déborde" in fetch(url)[1], url


def test_new_article_appears_on_its_section_and_search(
    paper, make_article, django_capture_on_commit_callbacks
):
    section = paper["section"]
    fetch(section.url), fetch("/recherche/?q=tramway")

    with django_capture_on_commit_callbacks(execute=True):
        make_article(section, "Un tramway pour Tripoli")

    assert "Un tramway pour Tripoli" in fetch(section.url)[1]
    assert "Un tramway pour Tripoli" in fetch("/recherche/?q=tramway")[1]


def test_unpublished_article_is_gone_at_once(paper):
    article = paper["article"]
    fetch(article.url), fetch(paper["section"].url)

    article.unpublish()

    assert fetch(article.url)[0].status_code == 404
    assert "Le barrage de Qaraoun se remplit" not in fetch(paper["section"].url)[1]


def test_front_page_change_shows_at_once(paper, make_article):
    home = paper["home"]
    other = make_article(paper["section"], "Grève des enseignants contractuels")
    fetch("/"), fetch("/")

    home.top_stories.add(HomePageTopStory(article=other, sort_order=0))
    home.save_revision().publish()

    html = fetch("/")[1]
    assert html.index("Grève des enseignants contractuels") < html.index("Le barrage de Qaraoun")


def test_byline_change_shows_at_once(paper):
    article = paper["article"]
    author = Author.objects.create(name="Nadia Khoury", slug="nadia-khoury")
    article.authors.set([author])
    article.save_revision().publish()
    fetch(article.url)

    author.name = "Nadia Khoury-Haddad"
    author.save()

    assert "Nadia Khoury-Haddad" in fetch(article.url)[1]


def test_published_comment_updates_the_count_at_once(
    paper, make_reader, django_capture_on_commit_callbacks
):
    article = paper["article"]
    assert "commentaires (0)" in fetch(article.url)[1]

    with django_capture_on_commit_callbacks(execute=True):
        comment_submit(article=article, author=make_reader(), body="Enfin de l’eau.")

    html = fetch(article.url)[1]
    assert "commentaires (1)" in html and "Enfin de l’eau." in html
    assert "Enfin de l’eau" in fetch(article.url + "commentaires/")[1]


def test_comment_posted_by_an_app_shows_at_once(
    paper, make_reader, django_capture_on_commit_callbacks
):
    article, reader = paper["article"], make_reader()
    assert "commentaires (0)" in fetch(article.url)[1]
    app = Client()
    token = app.post(
        "/api/v1/readers/token/",
        {"email": reader.email, "password": "lecture-Secrete-1"},
        content_type="application/json",
    ).json()["token"]

    with django_capture_on_commit_callbacks(execute=True):
        app.post(
            f"/api/v1/articles/{article.pk}/comments/",
            {"body": "Depuis l’application."},
            content_type="application/json",
            headers={"authorization": f"Bearer {token}"},
        )

    html = fetch(article.url)[1]
    assert "commentaires (1)" in html and "Depuis l’application." in html


def test_approved_and_removed_comments_show_at_once(
    paper, make_reader, moderator, django_capture_on_commit_callbacks
):
    article = paper["article"]
    waiting = Comment.objects.create(article=article, author=make_reader(), body="En attente.")
    fetch(article.url)

    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(comments=[waiting], moderator=moderator)
    assert "commentaires (1)" in fetch(article.url)[1]

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(comments=[waiting], moderator=moderator, reason="Hors sujet")
    html = fetch(article.url)[1]
    assert "commentaires (0)" in html and "En attente." not in html


def test_comments_of_a_deleted_account_leave_the_page_at_once(
    paper, make_reader, django_capture_on_commit_callbacks
):
    article, reader = paper["article"], make_reader()
    with django_capture_on_commit_callbacks(execute=True):
        comment_submit(article=article, author=reader, body="Je retire tout.")
    assert "Je retire tout." in fetch(article.url)[1]

    # An account removed in the back office takes its comments with it (a cascade).
    with django_capture_on_commit_callbacks(execute=True):
        reader.delete()

    html = fetch(article.url)[1]
    assert "Je retire tout." not in html and "commentaires (0)" in html


def test_a_comment_outdates_its_article_only(
    paper, make_article, make_reader, django_capture_on_commit_callbacks
):
    other = make_article(paper["section"], "Autre article")
    fetch(other.url), fetch(paper["article"].url)

    with django_capture_on_commit_callbacks(execute=True):
        comment_submit(
            article=paper["article"], author=make_reader(), body="Merci pour cet article."
        )

    assert fetch(other.url)[0]["X-Page-Cache"] == "hit"
    assert fetch(paper["article"].url)[0]["X-Page-Cache"] == "miss"


def test_logged_in_reader_never_gets_nor_leaves_a_cached_page(paper, make_reader):
    url = paper["article"].url
    fetch(url)
    reader = Client()
    reader.force_login(make_reader("Rima K."))

    response, html = fetch(url, reader)
    anonymous = fetch(url)[1]

    assert "X-Page-Cache" not in response
    assert "Rima K." in html and "Se déconnecter" in html
    assert "Rima K." not in anonymous and "Se déconnecter" not in anonymous


def test_pages_with_a_form_token_or_a_cookie_are_not_stored(paper):
    first, _ = fetch("/compte/connexion/")
    second, _ = fetch("/compte/connexion/")

    assert "X-Page-Cache" not in second
    assert first.cookies.get("csrftoken")


@pytest.mark.parametrize("backend", ["redis"])
def test_invalidation_works_with_redis(paper, backend):
    prefix = f"test-{uuid.uuid4().hex}"
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
        "KEY_PREFIX": prefix,
    }
    caches_setting = {
        "default": redis,
        "pages": redis,
        "versions": {**redis, "TIMEOUT": None},
    }
    with override_settings(CACHES=caches_setting):
        try:
            article = paper["article"]
            fetch(article.url)
            assert fetch(article.url)[0]["X-Page-Cache"] == "hit"

            article.title = "Titre corrigé"
            article.save_revision().publish()

            assert "Titre corrigé" in fetch(article.url)[1]
        finally:
            # This run's keys only: a flush would empty the other database's run beside it.
            client = caches["pages"].client.get_client()
            if keys := list(client.scan_iter(f"{prefix}:*")):
                client.delete(*keys)


def test_migrate_creates_the_table_every_process_reads_versions_from():
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE quotidien_page_versions")

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert "quotidien_page_versions" in connection.introspection.table_names()
