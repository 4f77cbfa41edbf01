"""Readers' comments through the API: the published threads, and posting as a reader."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from quotidien.comments.models import Comment
from quotidien.moderation.models import Ban
from quotidien.moderation.services import reject

pytestmark = pytest.mark.django_db

PASSWORD = "lecture-Secrete-1"  # make_reader's


def comments_path(article) -> str:
    return f"/api/v1/articles/{article.pk}/comments/"


def ago(minutes: int):
    return timezone.now() - timedelta(minutes=minutes)


def token_for(api_client, reader) -> str:
    answer = api_client.post(
        "/api/v1/readers/token/",
        {"email": reader.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    return answer.json()["token"]


def post(api_client, article, token, **data):
    return api_client.post(
        comments_path(article),
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_threads_list_published_comments_with_their_replies(
    api_client, paper, make_reader, publish_comment
):
    article = paper["lead"]
    rima, karim = make_reader("Rima K."), make_reader("Karim S.")
    first = publish_comment(article, rima, "Enfin une bonne nouvelle pour la région.", when=ago(30))
    publish_comment(article, karim, "Reste à voir les actes.", when=ago(20), parent=first)
    publish_comment(article, karim, "Et le Litani ?", when=ago(10))
    Comment.objects.create(article=article, author=karim, body="Pas encore vu", parent=None)

    newest = api_client.get(comments_path(article)).json()
    oldest = api_client.get(comments_path(article), {"order": "oldest"}).json()

    assert (newest["count"], newest["total"], newest["comments_open"]) == (2, 3, True)
    assert [item["body"] for item in newest["items"]] == [
        "Et le Litani ?",
        "Enfin une bonne nouvelle pour la région.",
    ]
    thread = oldest["items"][0]
    assert thread["author"] == "Rima K."
    assert [reply["body"] for reply in thread["replies"]] == ["Reste à voir les actes."]
    assert "Pas encore vu" not in str(newest) + str(oldest)
    assert "@example.org" not in str(newest)


def test_threads_are_paged_with_links_that_keep_the_order(
    api_client, paper, make_reader, publish_comment
):
    article, reader = paper["lead"], make_reader()
    for number in range(5):
        publish_comment(article, reader, f"Avis numéro {number}", when=ago(number))

    page = api_client.get(comments_path(article), {"order": "oldest", "limit": 2}).json()
    following = api_client.get(page["next"]).json()

    assert [item["body"] for item in page["items"]] == ["Avis numéro 4", "Avis numéro 3"]
    assert "order=oldest" in page["next"] and page["previous"] is None
    assert [item["body"] for item in following["items"]] == ["Avis numéro 2", "Avis numéro 1"]


def test_comments_of_an_unpublished_article_are_not_found(api_client, paper):
    answer = api_client.get(comments_path(paper["brouillon"]))

    assert answer.status_code == 404
    assert "Aucun article publié" in answer.json()["erreur"]["message"]


def test_reader_with_a_token_posts_a_comment_that_readers_then_see(api_client, paper, make_reader):
    article, reader = paper["lead"], make_reader("Rima K.")

    answer = post(api_client, article, token_for(api_client, reader), body="Merci pour ce point.")

    assert answer.status_code == 201
    posted = answer.json()
    assert posted["status"] == "published"
    assert posted["message"] == "Votre commentaire est publié. Merci !"
    assert posted["comment"]["author"] == "Rima K."
    listed = api_client.get(comments_path(article)).json()
    assert [item["body"] for item in listed["items"]] == ["Merci pour ce point."]


def test_reply_goes_under_its_thread(api_client, paper, make_reader, publish_comment):
    article, reader = paper["lead"], make_reader()
    thread = publish_comment(article, make_reader("Karim S."), "Qui finance ?")

    answer = post(
        api_client, article, token_for(api_client, reader), body="La région.", parent=thread.pk
    )

    assert answer.status_code == 201
    assert Comment.objects.get(pk=answer.json()["id"]).parent == thread
    missing = post(api_client, article, token_for(api_client, reader), body="Oui.", parent=999999)
    assert missing.status_code == 422
    assert missing.json()["erreur"]["details"][0]["cible"] == "parent"
    # The site's words for its page (« votre texte est conservé ci-dessous ») mean nothing here.
    message = missing.json()["erreur"]["message"]
    assert "ci-dessous" not in message
    assert "sans « parent »" in message


def test_replies_of_a_removed_thread_leave_the_list_and_its_total(
    api_client, paper, make_reader, publish_comment, moderator
):
    article, reader = paper["lead"], make_reader()
    kept = publish_comment(article, make_reader(), "Un avis qui reste.", when=ago(30))
    removed = publish_comment(article, make_reader(), "Un avis hors sujet.", when=ago(20))
    reply = publish_comment(article, make_reader(), "Une réponse.", when=ago(10), parent=removed)
    reject(comments=[removed], moderator=moderator, category="hors-sujet")

    listed = api_client.get(comments_path(article)).json()
    answer = post(
        api_client, article, token_for(api_client, reader), body="Encore.", parent=reply.pk
    )

    assert (listed["count"], listed["total"]) == (1, 1)
    assert [item["id"] for item in listed["items"]] == [kept.pk]
    assert answer.status_code == 422
    assert answer.json()["erreur"]["details"][0]["cible"] == "parent"
    assert not Comment.objects.filter(body="Encore.").exists()


def test_posted_comment_goes_through_the_site_screening(api_client, paper, make_reader):
    article, reader = paper["lead"], make_reader()

    answer = post(
        api_client, article, token_for(api_client, reader), body="Espèce de menteur, tais-toi."
    )

    assert answer.status_code == 201
    assert answer.json()["status"] in ("pending", "rejected")
    assert answer.json()["comment"] is None
    stored = Comment.objects.get(pk=answer.json()["id"])
    assert stored.held_reason and stored.body == "Espèce de menteur, tais-toi."
    assert api_client.get(comments_path(article)).json()["total"] == 0


def test_pre_moderated_section_holds_comments_posted_by_api(api_client, paper, make_reader):
    section = paper["sections"]["monde"]
    section.comment_moderation = "pre"
    section.save_revision().publish()

    answer = post(api_client, paper["lead"], token_for(api_client, make_reader()), body="D’accord.")

    assert answer.json()["status"] == "pending"
    assert answer.json()["message"] == "Votre commentaire est en attente de modération."


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("   ", "Votre commentaire est vide."),
        ("Voir <script>alert(1)</script>", "Les balises HTML ne sont pas acceptées"),
    ],
)
def test_unacceptable_text_is_refused_in_french_and_nothing_is_stored(
    api_client, paper, make_reader, body, expected
):
    answer = post(api_client, paper["lead"], token_for(api_client, make_reader()), body=body)

    assert answer.status_code == 422
    assert expected in answer.json()["erreur"]["message"]
    assert answer.json()["erreur"]["details"][0]["cible"] == "body"
    assert not Comment.objects.exists()


def test_too_long_a_text_is_refused_in_the_api_terms(api_client, paper, make_reader, monkeypatch):
    # The schema's own limit answers first; the service's speaks as well when reached.
    monkeypatch.setattr("quotidien.comments.services.MAX_LENGTH", 10)

    answer = post(api_client, paper["lead"], token_for(api_client, make_reader()), body="x" * 12)

    assert answer.status_code == 422
    assert answer.json()["erreur"]["message"] == "Le commentaire fait 12 caractères : 10 au plus."


def test_banned_reader_and_closed_article_are_refused(api_client, paper, make_reader, moderator):
    troll, reader = make_reader(), make_reader()
    Ban.objects.create(user=troll, banned_by=moderator, reason="Insultes répétées")
    closed = paper["syrie"]
    closed.comments_closed = True
    closed.save_revision().publish()

    banned = post(api_client, paper["lead"], token_for(api_client, troll), body="Encore moi.")
    late = post(api_client, closed, token_for(api_client, reader), body="Trop tard ?")

    assert (banned.status_code, banned.json()["erreur"]["code"]) == (403, "compte_suspendu")
    assert (
        banned.json()["erreur"]["message"] == "Votre compte ne peut plus publier de commentaires."
    )
    assert (late.status_code, late.json()["erreur"]["code"]) == (403, "commentaires_fermes")
    assert not Comment.objects.exists()


def test_posting_needs_a_reader(api_client, paper, wire_token):
    article = paper["lead"]

    nobody = api_client.post(comments_path(article), {"body": "Bonjour"}, "application/json")
    forged = post(api_client, article, "pas-un-jeton", body="Bonjour")
    agency = post(api_client, article, wire_token, body="Bonjour")

    assert [nobody.status_code, forged.status_code, agency.status_code] == [401, 401, 401]
    assert "Authentification requise" in nobody.json()["erreur"]["message"]
    assert not Comment.objects.exists()


def test_site_session_posts_with_its_csrf_token(paper, make_reader):
    browser = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    browser.force_login(make_reader())
    article = paper["lead"]

    refused = browser.post(comments_path(article), {"body": "Sans jeton"}, "application/json")
    browser.get(article.url)  # the page sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    accepted = browser.post(
        comments_path(article), {"body": "Avec jeton"}, "application/json", HTTP_X_CSRFTOKEN=csrf
    )

    assert refused.status_code == 403
    assert "X-CSRFToken" in refused.json()["erreur"]["message"]
    assert accepted.status_code == 201
    assert list(Comment.objects.values_list("body", flat=True)) == ["Avec jeton"]


def test_posting_is_rate_limited(api_client, paper, make_reader, settings):
    settings.QUOTIDIEN_API_WRITE_RATE = "3/h"
    token = token_for(api_client, make_reader())

    statuses = [
        post(api_client, paper["lead"], token, body=f"Réaction {n}").status_code for n in range(4)
    ]

    assert statuses == [201, 201, 201, 429]
    assert Comment.objects.count() == 3


def test_token_needs_the_right_password_and_dies_with_it(api_client, paper, make_reader):
    reader = make_reader()
    token = token_for(api_client, reader)

    wrong = api_client.post(
        "/api/v1/readers/token/",
        {"email": reader.email, "password": "devine"},
        content_type="application/json",
    )
    reader.set_password("un-Autre-secret-2")
    reader.save()
    stale = post(api_client, paper["lead"], token, body="Toujours là ?")

    assert wrong.status_code == 401
    assert "mot de passe incorrect" in wrong.json()["erreur"]["message"]
    assert stale.status_code == 401


def test_a_reader_signs_out_their_apps_from_my_account(api_client, client, paper, make_reader):
    reader = make_reader()
    token = token_for(api_client, reader)
    client.force_login(reader)
    page = client.get("/compte/").content.decode()
    assert "Déconnecter mes applications" in page

    signed_out = client.post("/compte/applications/deconnecter/", follow=True)
    stale = post(api_client, paper["lead"], token, body="Toujours là ?")
    fresh = post(api_client, paper["lead"], token_for(api_client, reader), body="Me revoilà.")

    assert "Vos applications sont déconnectées" in signed_out.content.decode()
    assert stale.status_code == 401
    assert fresh.status_code == 201
    # The site's own session stays.
    assert client.get("/compte/").status_code == 200


def ask_token(api_client, email, password):
    return api_client.post(
        "/api/v1/readers/token/",
        {"email": email, "password": password},
        content_type="application/json",
    )


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "admin", "admin@quotidien.example", "quotidien-admin"
    )


def test_back_office_accounts_get_no_reader_token(
    api_client, paper, make_reader, superuser, editor, moderator
):
    wrong = ask_token(api_client, make_reader().email, "devine").json()["erreur"]
    answers = [
        ask_token(api_client, login, password)
        for login, password in [
            ("admin", "quotidien-admin"),
            ("admin@quotidien.example", "quotidien-admin"),
            (editor.email, PASSWORD),
            (moderator.email, PASSWORD),
        ]
    ]

    assert [answer.status_code for answer in answers] == [401] * 4
    assert all(answer.json()["erreur"] == wrong for answer in answers)


def test_a_reader_account_asks_by_email_not_by_user_name(api_client, db, make_reader):
    reader = make_reader(email="rim@example.org")
    get_user_model().objects.filter(pk=reader.pk).update(username="rim")

    by_name = ask_token(api_client, "rim", PASSWORD)
    by_email = ask_token(api_client, "RIM@example.org", PASSWORD)

    assert by_name.status_code == 401
    assert "mot de passe incorrect" in by_name.json()["erreur"]["message"]
    assert by_email.status_code == 201
    assert by_email.json()["reader"]["id"] == reader.pk


def test_refused_back_office_logins_count_towards_the_lockout(api_client, db, superuser):
    statuses = [ask_token(api_client, "admin", "quotidien-admin").status_code for _ in range(6)]

    assert statuses[:4] == [401] * 4
    assert statuses[-1] == 429


@pytest.mark.parametrize(
    "data, target",
    [
        ({"body": "ok ok ok ok", "parent": True}, "data.parent"),
        ({"body": "ok ok ok ok", "parent": "1"}, "data.parent"),
        ({"body": "ok ok ok ok", "parent": 1.0}, "data.parent"),
        ({"body": 1234}, "data.body"),
        ({"body": True}, "data.body"),
    ],
)
def test_comment_fields_take_their_own_json_types(
    api_client, paper, make_reader, publish_comment, data, target
):
    reader = make_reader()
    publish_comment(paper["lead"], reader, body="Premier fil.")
    answer = post(api_client, paper["lead"], token_for(api_client, reader), **data)

    assert answer.status_code == 422
    error = answer.json()["erreur"]
    assert error["code"] == "donnees_invalides"
    assert [detail["cible"] for detail in error["details"]] == [target]
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("data", [{"email": True}, {"password": 1234}])
def test_token_fields_take_their_own_json_types(api_client, db, make_reader, data):
    answer = api_client.post(
        "/api/v1/readers/token/",
        {"email": make_reader().email, "password": PASSWORD, **data},
        content_type="application/json",
    )

    assert answer.status_code == 422
    assert answer.json()["erreur"]["details"][0]["message"] == "Texte attendu."


def test_a_nul_character_is_refused_as_on_the_site(api_client, paper, make_reader):
    answer = post(
        api_client, paper["lead"], token_for(api_client, make_reader()), body="\x00 texte"
    )

    assert answer.status_code == 422
    error = answer.json()["erreur"]
    assert error["message"] == "Le caractère nul n’est pas autorisé."
    assert error["details"] == [{"cible": "body", "message": error["message"]}]
    assert not Comment.objects.exists()


def test_repeated_failures_lock_the_account_out_with_a_json_answer(api_client, db, make_reader):
    reader = make_reader()

    def attempt(password):
        return api_client.post(
            "/api/v1/readers/token/",
            {"email": reader.email, "password": password},
            content_type="application/json",
        )

    failures = [attempt(f"faux-{n}").status_code for n in range(5)]
    locked = attempt(PASSWORD)

    assert failures[:4] == [401] * 4
    assert locked.status_code == 429
    assert locked["Content-Type"].startswith("application/json")
    assert "quart d’heure" in locked.json()["erreur"]["message"]


def test_refused_comment_answer_names_the_charter_ground_not_the_screening(
    api_client, paper, make_reader
):
    body = "CES GENS SONT DE LA VERMINE, QU'ILS RENTRENT CHEZ EUX ET NOUS LAISSENT TRANQUILLES"

    answer = post(api_client, paper["lead"], token_for(api_client, make_reader()), body=body)

    assert answer.json()["status"] == "rejected"
    assert answer.json()["message"] == (
        "Votre commentaire n’a pas été publié : il est contraire à la charte des "
        "commentaires. Motif : Propos déshumanisants."
    )
