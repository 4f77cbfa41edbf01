"""Readers post comments under an article; each one is published, held or refused, never lost."""

import re
from datetime import datetime, timedelta
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from quotidien.comments.models import Comment
from quotidien.moderation.models import Ban, WordList

pytestmark = pytest.mark.django_db


def post(client, article, body, **data):
    return client.post(article.url + "commentaires/", {"body": body, **data}, follow=True)


def test_reader_comment_is_published_with_french_timestamp_and_counted(client, article, reader):
    response = post(client, article, "Enfin une bonne nouvelle pour les agriculteurs.")

    html = response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PUBLISHED
    assert "Votre commentaire est publié" in html
    assert "commentaires (1)" in html
    assert "Enfin une bonne nouvelle pour les agriculteurs." in html
    assert "Rima K." in html


def test_comment_timestamp_reads_like_the_paper(client, article, make_reader, publish_comment):
    when = datetime(2016, 12, 6, 21, 30, tzinfo=ZoneInfo("Asia/Beirut"))
    publish_comment(article, make_reader("Georges A."), when=when)

    html = client.get(article.url).content.decode()

    assert "6 décembre 2016 à 21 h 30" in html


@pytest.mark.parametrize("page", ["", "commentaires/?ordre=anciens"])
def test_logging_in_or_signing_up_under_the_comments_come_back_to_the_same_place(
    client, article, page
):
    html = client.get(article.url + page).content.decode()

    login = re.search(r'<a href="/compte/connexion/\?next=([^"]+)">Connectez-vous</a>', html)[1]
    signup = re.search(r'<a href="/compte/inscription/\?next=([^"]+)">créez un compte</a>', html)[1]

    assert unquote(login) == unquote(signup) == article.url + page + "#commentaires"


def test_anonymous_reader_is_invited_to_log_in(client, article):
    html = client.get(article.url).content.decode()
    response = client.post(article.url + "commentaires/", {"body": "Bonjour"})

    assert "Connectez-vous" in html
    assert "Publier mon commentaire" not in html
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")
    assert not Comment.objects.exists()


def test_first_comment_of_a_new_account_waits_and_its_author_is_told(client, article, make_reader):
    newcomer = make_reader("Nouveau", age=timedelta(minutes=5))
    client.force_login(newcomer)

    html = post(client, article, "Je découvre ce site, bonne continuation.").content.decode()

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason
    assert "Votre commentaire est en attente de modération" in html
    assert "commentaires (0)" in html
    assert "Je découvre ce site" in html  # the author sees what waits
    assert "Je découvre ce site" not in Client().get(article.url).content.decode()


def test_pre_moderated_section_holds_every_comment(
    client, home, make_section, make_article, reader
):
    opinion = make_section("Opinion", comment_moderation="pre")
    article = make_article(opinion, "Tribune sur l’école publique")

    post(client, article, "Tribune juste et bien argumentée.")

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "a priori" in comment.held_reason


def test_subsection_follows_its_parent_moderation_policy(
    client, make_section, make_article, reader
):
    world = make_section("Monde", comment_moderation="pre")
    syria = make_section("Syrie", parent=world)

    post(client, make_article(syria), "Triste nouvelle.")

    assert Comment.objects.get().status == Comment.Status.PENDING


def test_banned_word_is_refused_and_kept_with_its_reason(client, article, reader):
    WordList.objects.update_or_create(kind="banned", defaults={"words": "zorglub\n"})

    html = post(client, article, "Quel ZORGLUB ce ministre !").content.decode()

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.REJECTED
    assert "zorglub" in comment.held_reason.lower()
    assert "n’a pas été publié" in html
    assert "commentaires (0)" in html


def test_html_in_a_comment_is_refused_in_french_and_the_text_is_kept(client, article, reader):
    body = 'Voyez <a href="http://exemple.test">ici</a> pour les chiffres.'

    response = post(client, article, body)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Les balises HTML ne sont pas acceptées" in html
    assert "Voyez &lt;a href=&quot;http://exemple.test&quot;&gt;ici&lt;/a&gt;" in html
    assert not Comment.objects.exists()


def test_too_long_comment_is_refused_with_its_length_and_kept(client, article, reader):
    body = "Très long. " * 400

    response = post(client, article, body)

    html = response.content.decode()
    assert response.status_code == 400
    # Counts as French writes them, as in the form's help: « 3 000 caractères ».
    assert "Votre commentaire fait 4\u202f399 caractères : 3\u202f000 au plus" in html
    assert "Texte seul, sans HTML. 3\u202f000 caractères au plus." in html
    assert "Très long. Très long." in html
    assert not Comment.objects.exists()


def test_empty_comment_gets_a_french_error(client, article, reader):
    response = post(client, article, "   ")

    assert response.status_code == 400
    assert "Votre commentaire est vide." in response.content.decode()


def test_markup_stored_in_a_comment_renders_inert(client, article, make_reader, publish_comment):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)> {{ secret }}'
    publish_comment(article, make_reader('"><b>Pirate</b>'), payload)

    html = client.get(article.url).content.decode()

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;b&gt;Pirate&lt;/b&gt;" in html
    assert "{{ secret }}" in html


def test_arabic_and_emoji_are_kept_intact(client, article, reader):
    body = "شكراً على هذا المقال 🌧️ Merci !"

    html = post(client, article, body).content.decode()

    assert Comment.objects.get().body == body
    assert body in html


def test_posting_requires_the_csrf_token(article, reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)

    response = client.post(article.url + "commentaires/", {"body": "Bonjour"})

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_editor_can_close_comments_on_an_article(client, article, reader):
    article.comments_closed = True
    article.save_revision().publish()

    html = client.get(article.url).content.decode()
    refused = post(client, article, "Trop tard ?").content.decode()

    assert "Les commentaires sont fermés pour cet article." in html
    assert "Publier mon commentaire" not in html
    assert "Les commentaires sont fermés pour cet article." in refused
    assert not Comment.objects.exists()


def test_comments_close_by_themselves_after_the_configured_days(
    client, settings, make_section, make_article, reader
):
    settings.QUOTIDIEN_COMMENTS_OPEN_DAYS = 2
    old = make_article(make_section("Sport"), age=timedelta(days=3))
    recent = make_article(make_section("Culture"), age=timedelta(days=1))

    assert "Les commentaires sont fermés" in client.get(old.url).content.decode()
    assert "Publier mon commentaire" in client.get(recent.url).content.decode()


def test_banned_reader_cannot_post(client, article, reader, moderator):
    Ban.objects.create(user=reader, reason="Insultes répétées", banned_by=moderator)

    html = post(client, article, "Je reviens !").content.decode()

    assert "Votre compte ne peut plus publier de commentaires." in html
    assert not Comment.objects.exists()


def test_answering_a_reply_stays_in_the_same_thread(
    client, article, reader, make_reader, publish_comment
):
    first = publish_comment(article, make_reader("Karim S."), "Qui paiera les dégâts ?")
    reply = publish_comment(article, make_reader("Lina"), "L’État, comme toujours.", parent=first)

    post(client, article, "Non, les assurances.", parent=reply.pk)

    answer = Comment.objects.get(body="Non, les assurances.")
    assert answer.parent == first


def test_my_comments_page_tells_each_comment_fate(client, article, reader, moderator):
    WordList.objects.update_or_create(kind="banned", defaults={"words": "zorglub\n"})
    post(client, article, "Article clair et utile.")
    post(client, article, "Espèce de zorglub.")

    html = client.get("/commentaires/mes-commentaires/").content.decode()

    assert "Publié" in html
    assert "Refusé" in html
    assert "Article clair et utile." in html


def test_same_comment_twice_is_kept_off_the_page_with_its_reason(client, article, reader):
    post(client, article, "Le barrage doit être achevé avant l’été.")
    html = post(client, article, "Le barrage doit être achevé avant l’été.").content.decode()

    first, second = Comment.objects.order_by("pk")
    assert first.status == Comment.Status.PUBLISHED
    assert second.status != Comment.Status.PUBLISHED
    assert second.held_reason
    assert "commentaires (1)" in html


def test_a_suspended_reader_is_told_before_writing(client, article, reader, moderator):
    Ban.objects.create(
        user=reader,
        banned_by=moderator,
        reason="Insultes",
        until=timezone.now() + timedelta(days=3),
    )

    for page in (article.url, article.url + "commentaires/"):
        html = client.get(page).content.decode()
        assert "Votre compte est suspendu jusqu’au" in html, page

    Ban.objects.all().delete()
    assert "suspendu" not in client.get(article.url).content.decode()
