"""Banning a reader: asked for, confirmed, undone, listed and lifted, all logged."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from quotidien.comments.models import Comment
from quotidien.french.dates import french_datetime
from quotidien.moderation import services
from quotidien.moderation.models import Ban, ModerationAction
from quotidien.news.newsroom import EDITORS

pytestmark = pytest.mark.django_db
QUEUE = "/admin/moderation/"
CONFIRM = "/admin/moderation/bannir/"
BANS = "/admin/moderation/bannis/"


@pytest.fixture
def troll(article, make_reader):
    """A reader with two comments waiting, one published and one refused earlier."""
    troll = make_reader("Troll")
    for body, status in [
        ("Insulte 1", "pending"),
        ("Insulte 2", "pending"),
        ("Avis correct", "published"),
        ("Vieille insulte", "rejected"),
    ]:
        Comment.objects.create(
            article=article, author=troll, body=body, status=status, held_reason="Mot suspect"
        )
    return troll


def comment(body: str) -> Comment:
    return Comment.objects.get(body=body)


def statuses() -> dict[str, str]:
    return dict(Comment.objects.values_list("body", "status"))


def test_a_single_click_on_bannir_bans_nobody_and_asks_for_confirmation(staff_client, troll):
    first = comment("Insulte 1")

    response = staff_client.post(QUEUE, {"action": f"ban:{first.pk}"}, follow=True)

    html = response.content.decode()
    assert not Ban.objects.exists()
    assert statuses()["Insulte 1"] == "pending"
    assert response.redirect_chain[-1][0].startswith(CONFIRM)
    assert "Bannir Troll ?" in html
    assert "1 publié, 2 en attente, 1 refusé" in html
    assert "2 commentaires en attente seront refusés." in html
    assert "Confirmer le bannissement" in html
    assert re.search(r'<a href="/admin/moderation/\?onglet=attente"[^>]*>Annuler</a>', html)


def test_confirmed_ban_refuses_the_waiting_comments_and_stops_the_author_posting(
    client, staff_client, article, troll, moderator
):
    first = comment("Insulte 1")

    response = staff_client.post(
        CONFIRM,
        {"commentaire": first.pk, "categorie": "insulte", "note": "Insultes répétées."},
        follow=True,
    )

    ban = Ban.objects.get(user=troll)
    assert (ban.reason, ban.banned_by) == (
        "Insulte ou attaque personnelle\nInsultes répétées.",
        moderator,
    )
    assert statuses() == {
        "Insulte 1": "rejected",
        "Insulte 2": "rejected",
        "Avis correct": "published",
        "Vieille insulte": "rejected",
    }
    assert comment("Insulte 2").held_reason == ban.reason
    banned = ModerationAction.objects.get(kind="banned", reader=troll)
    assert (banned.moderator, banned.category) == (moderator, "insulte")
    assert "Troll ne peut plus commenter ; 2 commentaires refusés." in response.content.decode()
    client.force_login(troll)
    refused = client.post(article.url + "commentaires/", {"body": "Encore moi"}, follow=True)
    assert "Votre compte ne peut plus publier de commentaires." in refused.content.decode()
    assert Comment.objects.count() == 4


def test_newsroom_accounts_and_ones_own_are_never_banned(
    staff_client, article, troll, moderator, editor, publish_comment
):
    staff = publish_comment(article, editor, "Précision de la rédaction.")
    own = publish_comment(article, moderator, "Rappel de la charte.")

    asked = staff_client.post(QUEUE, {"action": f"ban:{staff.pk}"}, follow=True)
    confirmed = staff_client.post(
        CONFIRM,
        {"commentaire": [staff.pk, own.pk, comment("Insulte 1").pk], "categorie": "spam"},
        follow=True,
    )

    assert asked.redirect_chain[-1][0].startswith(QUEUE)
    refusal = "Rita Chidiac fait partie de l’équipe du journal : son compte ne peut être banni."
    assert refusal in asked.content.decode()
    html = confirmed.content.decode()
    assert refusal in html
    assert "Vous ne pouvez pas bannir votre propre compte." in html
    assert list(Ban.objects.values_list("user", flat=True)) == [troll.pk]
    assert statuses()["Précision de la rédaction."] == "published"
    assert statuses()["Rappel de la charte."] == "published"


def test_ban_without_a_reason_bans_nobody_and_says_what_is_missing(staff_client, troll):
    response = staff_client.post(CONFIRM, {"commentaire": comment("Insulte 1").pk})

    assert "Choisissez le motif du refus dans la liste." in response.content.decode()
    assert not Ban.objects.exists()
    assert statuses()["Insulte 1"] == "pending"


def test_bulk_ban_confirms_each_author_then_bans_them_all(
    staff_client, article, troll, make_reader
):
    spammer = make_reader("Vendeur")
    spam = Comment.objects.create(article=article, author=spammer, body="Achetez !")
    selected = [comment("Insulte 1").pk, comment("Insulte 2").pk, spam.pk]

    asked = staff_client.post(QUEUE, {"action": "ban", "selected": selected}, follow=True)
    staff_client.post(CONFIRM, {"commentaire": selected, "categorie": "spam"})

    html = asked.content.decode()
    assert "Bannir 2 lecteurs ?" in html
    assert "Troll" in html and "Vendeur" in html
    assert set(Ban.objects.values_list("user__display_name", flat=True)) == {"Troll", "Vendeur"}
    assert statuses()["Achetez !"] == "rejected"


def test_confirmation_says_when_an_author_is_already_banned(staff_client, troll, moderator):
    Ban.objects.create(user=troll, reason="Déjà", banned_by=moderator)

    html = staff_client.get(CONFIRM, {"commentaire": comment("Insulte 1").pk}).content.decode()

    assert "Troll ne peut déjà plus commenter." in html
    assert "Confirmer le bannissement" not in html


def test_confirmation_page_ignores_junk_and_unknown_comments(staff_client):
    response = staff_client.get(CONFIRM, {"commentaire": ["abc", "99999999999999999999", "7"]})

    assert response.status_code == 302
    assert response.url.startswith(QUEUE)


def test_ban_pages_are_for_moderators_only(client, make_reader, troll):
    editor = make_reader("Rita C.")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)

    response = client.post(CONFIRM, {"commentaire": comment("Insulte 1").pk, "categorie": "spam"})

    assert response.status_code in (302, 403)
    assert not Ban.objects.exists()


def ban_troll(staff_client, *, note: str = "") -> Ban:
    staff_client.post(
        CONFIRM, {"commentaire": comment("Insulte 1").pk, "categorie": "insulte", "note": note}
    )
    return Ban.objects.get()


def test_after_a_ban_the_message_offers_to_undo_it(staff_client, troll):
    first = comment("Insulte 1")

    response = staff_client.post(
        CONFIRM, {"commentaire": first.pk, "categorie": "insulte"}, follow=True
    )

    ban = Ban.objects.get()
    undo = rf'<a href="/admin/moderation/bannis/{ban.pk}/annuler/[^"]*"[^>]*>\s*Annuler ce ban'
    assert re.search(undo, response.content.decode())


def test_undoing_a_ban_lifts_it_and_puts_back_exactly_the_comments_it_refused(
    client, staff_client, article, troll, moderator
):
    ban = ban_troll(staff_client)
    undo = f"/admin/moderation/bannis/{ban.pk}/annuler/"

    asked = staff_client.get(undo).content.decode()
    done = staff_client.post(undo, follow=True).content.decode()

    assert "2 commentaires reviendront en attente." in asked
    assert not Ban.objects.exists()
    assert statuses() == {
        "Insulte 1": "pending",
        "Insulte 2": "pending",
        "Avis correct": "published",
        "Vieille insulte": "rejected",
    }
    # Back in the queue as they were before: with what the screening had found.
    assert comment("Insulte 2").held_reason == "Mot suspect"
    assert comment("Insulte 2").moderated_by is None
    assert "Bannissement de Troll annulé ; 2 commentaires remis en attente." in done
    unbanned = ModerationAction.objects.get(kind="unbanned", reader=troll)
    assert unbanned.get_kind_display() == "Bannissement levé"
    assert unbanned.moderator == moderator
    assert ModerationAction.objects.filter(kind="requeued").count() == 2
    client.force_login(troll)
    client.post(article.url + "commentaires/", {"body": "Je reviens, poliment."})
    assert Comment.objects.filter(body="Je reviens, poliment.").exists()


def test_undoing_a_ban_leaves_alone_a_comment_decided_again_since(staff_client, troll, moderator):
    ban = ban_troll(staff_client)
    second = comment("Insulte 2")
    staff_client.post(QUEUE + "?onglet=refuses", {"action": f"approve:{second.pk}"})

    staff_client.post(f"/admin/moderation/bannis/{ban.pk}/annuler/")

    assert statuses()["Insulte 1"] == "pending"
    assert statuses()["Insulte 2"] == "published"


def test_undoing_a_ban_already_lifted_says_so(staff_client, troll):
    ban = ban_troll(staff_client)
    undo = f"/admin/moderation/bannis/{ban.pk}/annuler/"
    staff_client.post(undo)

    again = staff_client.post(undo, follow=True)

    assert "Ce lecteur n’est plus banni." in again.content.decode()
    assert statuses()["Insulte 1"] == "pending"


def test_banned_readers_list_says_who_when_by_whom_and_why(staff_client, troll, moderator):
    ban_troll(staff_client, note="Insultes répétées.")

    queue = staff_client.get(QUEUE).content.decode()
    html = staff_client.get(BANS).content.decode()

    assert f'href="{BANS}"' in queue
    assert "Lecteurs bannis" in html
    assert "Troll" in html and troll.email in html
    assert moderator.username in html
    assert "Insulte ou attaque personnelle<br>Insultes répétées." in html
    assert "Lever le bannissement" in html


def test_lifting_a_ban_asks_why_then_lets_the_reader_comment_again(
    client, staff_client, article, troll, moderator
):
    ban = ban_troll(staff_client)
    lift = f"{BANS}{ban.pk}/lever/"

    unexplained = staff_client.post(lift, {"motif": " "}, follow=True).content.decode()
    still_banned = Ban.objects.filter(pk=ban.pk).exists()
    staff_client.post(lift, {"motif": "Excuses reçues par courriel."})

    assert "Indiquez pourquoi vous levez ce bannissement." in unexplained
    assert still_banned
    assert not Ban.objects.exists()
    # Lifting is not undoing: what the ban refused stays refused.
    assert statuses()["Insulte 1"] == "rejected"
    lifted = ModerationAction.objects.get(kind="unbanned")
    assert (lifted.reason, lifted.moderator) == ("Excuses reçues par courriel.", moderator)
    client.force_login(troll)
    client.post(article.url + "commentaires/", {"body": "Merci, je serai courtois."})
    assert Comment.objects.filter(body="Merci, je serai courtois.").exists()


def test_banned_readers_list_is_for_moderators_only(client, home, make_reader):
    editor = make_reader("Rita C.")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)

    assert client.get(BANS).status_code in (302, 403)


def test_confirmation_offers_suspensions_and_a_permanent_ban(staff_client, troll):
    html = staff_client.get(CONFIRM, {"commentaire": comment("Insulte 1").pk}).content.decode()

    for label in ("24 heures", "7 jours", "30 jours", "Définitivement"):
        assert label in html
    assert re.search(r'<input type="radio" name="duree" value="definitif"[^>]* checked', html)


def test_a_suspension_says_until_when_then_ends_by_itself(
    client, staff_client, article, troll, moderator
):
    response = staff_client.post(
        CONFIRM,
        {"commentaire": comment("Insulte 1").pk, "categorie": "insulte", "duree": "7j"},
        follow=True,
    )
    ban = Ban.objects.get(user=troll)
    until = french_datetime(ban.until)  # « 13 décembre 2026 à 23 h 40 »
    client.force_login(troll)
    refused = client.post(article.url + "commentaires/", {"body": "Encore moi"}, follow=True)
    listed = staff_client.get(BANS).content.decode()
    queued = staff_client.get(f"{QUEUE}?onglet=approuves").content.decode()
    Ban.objects.filter(pk=ban.pk).update(until=timezone.now() - timedelta(minutes=1))
    ended = staff_client.get(BANS).content.decode()
    client.post(article.url + "commentaires/", {"body": "Me revoilà, calmé."})

    assert abs(ban.until - timezone.now() - timedelta(days=7)) < timedelta(minutes=1)
    assert statuses()["Insulte 2"] == "rejected"
    assert f"Troll ne peut plus commenter jusqu’au {until} ;" in response.content.decode()
    assert f"Votre compte est suspendu jusqu’au {until}" in refused.content.decode()
    assert f"jusqu’au {until}" in listed and f"suspendu jusqu’au {until}" in queued
    assert "suspension terminée le" in ended and "suspension terminée" not in listed
    assert Comment.objects.filter(body="Me revoilà, calmé.").exists()


def test_a_reader_whose_suspension_ended_can_be_banned_again(staff_client, troll, moderator):
    ban = services.ban_author(author=troll, moderator=moderator, lasts=timedelta(days=1))
    Ban.objects.filter(pk=ban.pk).update(until=timezone.now() - timedelta(hours=1))
    queued = staff_client.get(f"{QUEUE}?onglet=approuves").content.decode()

    again = ban_troll(staff_client)

    assert "Bannir l’auteur" in queued
    assert again.until is None


def test_undoing_a_suspension_puts_back_what_it_refused(staff_client, troll):
    staff_client.post(
        CONFIRM, {"commentaire": comment("Insulte 1").pk, "categorie": "spam", "duree": "24h"}
    )
    ban = Ban.objects.get()

    staff_client.post(f"{BANS}{ban.pk}/annuler/")

    assert not Ban.objects.exists()
    assert statuses()["Insulte 1"] == statuses()["Insulte 2"] == "pending"
