"""The moderation queue in the back office: Modérateurs only, one click or in bulk, all logged."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quotidien.comments.models import Comment, Report
from quotidien.french.dates import french_date, french_datetime
from quotidien.moderation.models import Ban, ModerationAction, WordList
from quotidien.news.newsroom import EDITORS

pytestmark = pytest.mark.django_db
QUEUE = "/admin/moderation/"


def held(article, author, body="Un avis qui attend.", reason="Premier commentaire"):
    return Comment.objects.create(article=article, author=author, body=body, held_reason=reason)


def test_queue_is_open_to_moderators_only(client, staff_client, make_reader):
    editor = make_reader("Rita C.", is_staff=False)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)

    editor_dashboard = client.get("/admin/")

    assert staff_client.get(QUEUE).status_code == 200
    assert "/admin/moderation/" in staff_client.get("/admin/").content.decode()
    assert client.get(QUEUE).status_code in (302, 403)
    # The editor is in the back office, where the menu leaves the queue out.
    assert editor_dashboard.status_code == 200
    assert "/admin/moderation/" not in editor_dashboard.content.decode()


def test_pending_comment_shows_reasons_article_and_author_history(
    staff_client, article, make_reader, moderator
):
    author = make_reader("Nabil", age=timedelta(hours=2))
    Comment.objects.create(
        article=article, author=author, body="Ancien avis.", status=Comment.Status.REJECTED
    )
    held(article, author, "Tout est de la faute des autres !", "Cris : texte en capitales")

    html = staff_client.get(QUEUE).content.decode()

    assert "En attente (1)" in html
    assert "Tout est de la faute des autres !" in html
    assert "Cris : texte en capitales" in html
    assert "Coupures d’électricité à Tripoli" in html
    assert "0 publié, 1 en attente, 1 refusé" in html
    assert f"<dd>{french_date(author.date_joined)}</dd>" in html  # « 6 décembre 2026 »


def test_moderator_approves_and_the_comment_appears_with_the_count(
    client, staff_client, article, make_reader, moderator
):
    comment = held(article, make_reader("Nabil"), "Merci pour ces précisions.")

    staff_client.post(QUEUE, {"action": f"approve:{comment.pk}"})

    comment.refresh_from_db()
    html = client.get(article.url).content.decode()
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.moderated_by == moderator
    assert "commentaires (1)" in html
    assert "Merci pour ces précisions." in html
    action = ModerationAction.objects.get(kind="approved")
    assert (action.moderator, action.comment, action.reader) == (moderator, comment, comment.author)


def test_each_refused_comment_tells_its_reader_its_own_reason(
    client, staff_client, article, make_reader, moderator
):
    author = make_reader("Nabil")
    insult = held(article, author, "Espèce d’idiot.")
    off_topic = held(article, author, "Et le match de ce soir ?")
    # Both items' fields travel with each press of a "Refuser": only its own count.
    fields = {
        f"{insult.pk}-categorie": "insulte",
        f"{off_topic.pk}-categorie": "hors-sujet",
        f"{off_topic.pk}-note": "Parlons des coupures, s’il vous plaît.",
    }

    staff_client.post(QUEUE, {**fields, "action": f"reject:{insult.pk}"})
    staff_client.post(QUEUE, {**fields, "action": f"reject:{off_topic.pk}"})

    client.force_login(author)
    mine = client.get("/commentaires/mes-commentaires/").content.decode()
    assert "Refusé : Insulte ou attaque personnelle</p>" in mine
    assert "Refusé : Hors sujet<br>Parlons des coupures, s’il vous plaît.</p>" in mine
    logged = ModerationAction.objects.filter(kind="rejected").values_list("comment", "category")
    assert set(logged) == {(insult.pk, "insulte"), (off_topic.pk, "hors-sujet")}


def test_refusing_without_choosing_a_reason_refuses_nothing_and_says_why(
    staff_client, article, make_reader
):
    comment = held(article, make_reader())

    response = staff_client.post(QUEUE, {"action": f"reject:{comment.pk}"}, follow=True)

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert "Choisissez le motif du refus" in response.content.decode()


def test_each_waiting_comment_offers_the_charter_reasons(staff_client, article, make_reader):
    comment = held(article, make_reader())

    html = staff_client.get(QUEUE).content.decode()

    assert f'name="{comment.pk}-categorie"' in html
    assert f'name="{comment.pk}-note"' in html
    for label in ("Propos déshumanisants", "Menace ou appel à la violence", "Hors sujet"):
        assert label in html


def test_bulk_refusal_keeps_the_comments_with_the_chosen_reason(
    staff_client, article, make_reader, moderator
):
    comments = [held(article, make_reader(), f"Spam {n}") for n in range(3)]

    staff_client.post(
        QUEUE,
        {
            "action": "reject",
            "selected": [c.pk for c in comments[:2]],
            "categorie": "spam",
            "note": "Lien vers une boutique.",
        },
    )

    statuses = {c.body: c.status for c in Comment.objects.all()}
    assert statuses == {"Spam 0": "rejected", "Spam 1": "rejected", "Spam 2": "pending"}
    assert set(Comment.objects.filter(status="rejected").values_list("held_reason", flat=True)) == {
        "Publicité ou spam\nLien vers une boutique."
    }
    assert ModerationAction.objects.filter(kind="rejected", category="spam").count() == 2


def test_approving_a_reported_comment_settles_its_reports(
    staff_client, article, make_reader, moderator
):
    comment = Comment.objects.create(
        article=article,
        author=make_reader(),
        body="Avis franc.",
        open_reports=1,
        status=Comment.Status.PUBLISHED,
    )
    Report.objects.create(comment=comment, reporter=make_reader(), reason="insulte")

    html = staff_client.get(QUEUE + "?onglet=signales").content.decode()
    staff_client.post(QUEUE + "?onglet=signales", {"action": f"approve:{comment.pk}"})

    comment.refresh_from_db()
    assert "Insulte ou attaque personnelle" in html
    assert comment.open_reports == 0
    assert not Report.objects.filter(resolved_at__isnull=True).exists()


def test_each_tab_lists_its_comments(staff_client, article, make_reader):
    author = make_reader()
    for status in ("pending", "published", "rejected"):
        Comment.objects.create(
            article=article, author=author, body=f"Texte {status}", status=status
        )

    pages = {
        tab: staff_client.get(f"{QUEUE}?onglet={tab}").content.decode()
        for tab in ("attente", "approuves", "refuses")
    }

    assert "Texte pending" in pages["attente"] and "Texte rejected" not in pages["attente"]
    assert "Texte published" in pages["approuves"]
    assert "Texte rejected" in pages["refuses"] and "Texte pending" not in pages["refuses"]


def test_no_selection_and_unknown_action_get_french_messages(staff_client, article, make_reader):
    comment = held(article, make_reader())

    empty = staff_client.post(QUEUE, {"action": "approve"}, follow=True).content.decode()
    unknown = staff_client.post(QUEUE, {"action": f"effacer:{comment.pk}"}, follow=True)

    assert "Cochez au moins un commentaire." in empty
    assert "Action inconnue" in unknown.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_audit_log_lists_who_did_what_and_why(staff_client, article, make_reader, moderator):
    comment = held(article, make_reader("Nabil"))
    staff_client.post(
        QUEUE,
        {"action": f"reject:{comment.pk}", f"{comment.pk}-categorie": "hors-sujet"},
    )

    html = staff_client.get("/admin/moderation/journal/").content.decode()

    assert "Refusé" in html and "Hors sujet" in html and moderator.username in html


def test_moderators_edit_the_word_lists_in_the_back_office(staff_client, moderator):
    word_list = WordList.objects.get(kind="suspect")

    response = staff_client.post(
        f"/admin/snippets/moderation/wordlist/edit/{word_list.pk}/",
        {"words": "# liste courte\nmagouille\n"},
    )

    word_list.refresh_from_db()
    assert response.status_code == 302
    assert word_list.words.strip().endswith("magouille")


def test_an_author_s_history_elides_de_before_a_vowel(staff_client, article, make_reader):
    omar = make_reader("Omar Saadé")
    Comment.objects.create(article=article, author=omar, body="Mon avis.", status="pending")

    html = staff_client.get(QUEUE, {"auteur": omar.pk}).content.decode()

    assert "Commentaires d’Omar Saadé" in html and "Commentaire d’Omar Saadé" in html
    assert "de Omar" not in html


def test_author_history_links_to_all_their_comments_newest_first(
    staff_client, article, make_reader
):
    nabil = make_reader("Nabil")
    for age, status in enumerate(["pending", "published", "rejected"]):
        Comment.objects.create(
            article=article,
            author=nabil,
            body=f"Avis {status}",
            status=status,
            created_at=timezone.now() - timedelta(hours=age),
        )
    Comment.objects.create(article=article, author=make_reader("Autre"), body="Pas de Nabil")

    queue = staff_client.get(QUEUE).content.decode()
    html = staff_client.get(QUEUE, {"auteur": nabil.pk}).content.decode()

    assert f'href="/admin/moderation/?auteur={nabil.pk}"' in queue
    assert "Commentaires de Nabil" in html
    assert 'href="/admin/moderation/?onglet=attente">Retour à la file' in html
    assert "Pas de Nabil" not in html
    positions = [html.index(f"Avis {status}") for status in ["pending", "published", "rejected"]]
    assert positions == sorted(positions)
    assert html.count('value="approve:') == 2 and html.count('value="reject:') == 2


def test_acting_on_an_authors_comments_returns_to_their_list(staff_client, article, make_reader):
    nabil = make_reader("Nabil")
    comment = held(article, nabil)

    response = staff_client.post(
        f"{QUEUE}?auteur={nabil.pk}",
        {"action": f"reject:{comment.pk}", f"{comment.pk}-categorie": "hors-sujet"},
    )

    assert response.url == f"{QUEUE}?auteur={nabil.pk}"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED


@pytest.mark.parametrize(
    "junk", ["99999999999999999999", "9223372036854775808", "abc", "-1", "²", "1e3", "", "0"]
)
def test_ids_that_mean_nothing_are_ignored_with_the_usual_message(
    staff_client, article, make_reader, junk
):
    comment = held(article, make_reader())

    ticked = staff_client.post(QUEUE, {"action": "reject", "selected": junk}, follow=True)
    pressed = staff_client.post(QUEUE, {"action": f"approve:{junk}"}, follow=True)

    for response in (ticked, pressed):
        assert response.status_code == 200
        assert "Cochez au moins un commentaire." in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "query",
    [
        "auteur=abc",
        "auteur=99999999999999999999",
        "auteur=0",
        "auteur=424242",
        "p=abc",
        "p=99999999999999999999",
        "onglet=inconnu",
    ],
)
def test_query_strings_that_mean_nothing_show_the_queue(staff_client, article, make_reader, query):
    held(article, make_reader(), "Toujours là")

    response = staff_client.get(f"{QUEUE}?{query}")

    assert response.status_code == 200
    assert "Toujours là" in response.content.decode()


def test_audit_log_pages_through_with_the_back_offices_links(
    staff_client, article, make_reader, moderator
):
    reader = make_reader()
    ModerationAction.objects.bulk_create(
        ModerationAction(kind="screened", reader=reader, reason=f"Relevé {n:02d}")
        for n in range(51)
    )

    first = staff_client.get("/admin/moderation/journal/").content.decode()
    junk = staff_client.get("/admin/moderation/journal/?p=abc")
    second = staff_client.get("/admin/moderation/journal/?p=2").content.decode()

    assert 'href="?p=2"' in first
    assert junk.status_code == 200
    assert "Relevé 00" in second and "Relevé 00" not in first


def test_queue_page_query_count_does_not_grow_with_the_comments(
    staff_client, article, make_reader, moderator
):
    def add_comments(count):
        for n in range(count):
            author = make_reader()
            comment = held(article, author, f"Avis {n}")
            Report.objects.create(comment=comment, reporter=make_reader(), reason="spam")
            if n % 2:
                Ban.objects.create(user=author, reason="Spam", banned_by=moderator)

    def queries():
        staff_client.get(QUEUE)  # the first visit to the back office stores the user's profile
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(QUEUE).status_code == 200
        return len(captured)

    add_comments(2)
    few = queries()
    add_comments(20)
    many = queries()

    # Session, user, permissions and Wagtail's menu take 10 (the menu asks whether the user
    # may edit the paper's site settings); the listing and its counts 6.
    assert few == many == 16


def test_queue_shows_the_screening_score_and_words_the_reader_is_not_told(
    staff_client, article, make_reader
):
    from quotidien.comments.services import comment_submit

    comment_submit(
        article=article,
        author=make_reader("Nabil"),
        body="CES GENS SONT DE LA VERMINE, QU'ILS RENTRENT CHEZ EUX ET NOUS LAISSENT TRANQUILLES",
    )

    html = staff_client.get(QUEUE + "?onglet=refuses").content.decode()

    assert "Propos déshumanisants probables (1,00) : « VERMINE »" in html
    assert "Commentaire écrit en majuscules (100 % des lettres)" in html


def published(article, author, body="Un avis publié.", **fields):
    now = timezone.now()
    return Comment.objects.create(
        article=article, author=author, body=body, status="published", published_at=now, **fields
    )


@pytest.mark.parametrize("tab", ["approuves", "signales"])
def test_a_published_comment_can_be_put_back_on_hold(
    client, staff_client, article, make_reader, moderator, tab
):
    comment = published(article, make_reader("Nabil"), "Avis à relire.", open_reports=1)
    if tab == "approuves":
        Comment.objects.filter(pk=comment.pk).update(open_reports=0)
    else:
        Report.objects.create(comment=comment, reporter=make_reader(), reason="insulte")
    assert "commentaires (1)" in client.get(article.url).content.decode()

    listed = staff_client.get(f"{QUEUE}?onglet={tab}").content.decode()
    staff_client.post(f"{QUEUE}?onglet={tab}", {"action": f"hold:{comment.pk}"})

    comment.refresh_from_db()
    page = client.get(article.url).content.decode()
    waiting = staff_client.get(QUEUE).content.decode()
    action = ModerationAction.objects.get(kind="held")
    assert "Remettre en attente" in listed and 'value="hold"' in listed
    assert f'value="hold:{comment.pk}"' in listed
    assert comment.status == Comment.Status.PENDING
    assert "Avis à relire." not in page and "commentaires (1)" not in page
    assert "En attente (1)" in waiting and "Avis à relire." in waiting
    assert f"Remis en attente par Fadi R., {french_datetime(comment.moderated_at)}" in waiting
    assert "Fadi R.." not in waiting
    assert (action.moderator, action.comment) == (moderator, comment)
    assert timezone.now() - action.created_at < timedelta(minutes=1)
    assert not Report.objects.filter(resolved_at__isnull=True).exists()


def test_the_waiting_and_refused_tabs_offer_no_hold(staff_client, article, make_reader):
    held(article, make_reader())
    Comment.objects.create(article=article, author=make_reader(), body="Non.", status="rejected")

    for tab in ("attente", "refuses"):
        html = staff_client.get(f"{QUEUE}?onglet={tab}").content.decode()
        assert "Non." in html or "Un avis qui attend." in html
        assert 'value="hold' not in html


def test_the_article_s_edit_link_is_offered_only_to_who_may_edit_it(
    staff_client, article, make_reader, moderator
):
    held(article, make_reader("Nabil"))
    edit = f"/admin/pages/{article.pk}/edit/"

    assert edit not in staff_client.get(QUEUE).content.decode()

    moderator.groups.add(Group.objects.get(name=EDITORS))
    assert edit in staff_client.get(QUEUE).content.decode()
