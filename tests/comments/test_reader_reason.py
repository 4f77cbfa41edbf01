"""What a reader is told of their own comment that is not published: a plain ground of the
charter, never the screening's score nor the words it weighed (they teach how to get past
it); a moderator's refusal in the moderator's words."""

import pytest

from quotidien.accounts.personal_data import personal_data
from quotidien.comments.models import Comment
from quotidien.comments.reasons import reader_reason
from quotidien.comments.services import hold_for_reports
from quotidien.moderation.services import reject
from quotidien.sitepages.models import InformationPage

pytestmark = pytest.mark.django_db

MY_COMMENTS = "/commentaires/mes-commentaires/"
# Refused by the classifier as dehumanising, and held as written in capitals.
HATEFUL = "CES GENS SONT DE LA VERMINE, QU'ILS RENTRENT CHEZ EUX ET NOUS LAISSENT TRANQUILLES"
PLAIN = "il est contraire à la charte des commentaires. Motif : Propos déshumanisants."
# What only moderators read: the score, the weighed words, the other rules' findings.
INTERNALS = ("1,00", "« VERMINE »", "probables", "majuscules", "Terme dégradant")


@pytest.fixture
def charter(home):
    page = home.add_child(
        instance=InformationPage(
            title="Charte des commentaires", slug="charte-des-commentaires", intro="Nos règles."
        )
    )
    page.save_revision().publish()
    return page


def post(client, article, body, **data):
    return client.post(article.url + "commentaires/", {"body": body, **data}, follow=True)


def assert_plain(html):
    for internal in INTERNALS:
        assert internal not in html


def test_screening_refusal_tells_the_reader_the_charter_ground_only(
    client, article, reader, charter
):
    after_posting = post(client, article, HATEFUL).content.decode()
    article_page = client.get(article.url).content.decode()
    mine = client.get(MY_COMMENTS).content.decode()

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.REJECTED
    # Moderators keep the whole finding.
    assert "« VERMINE »" in comment.held_reason and "1,00" in comment.held_reason
    assert f"Votre commentaire n’a pas été publié : {PLAIN}" in after_posting
    for html in (article_page, mine):
        assert PLAIN in html
        assert f'href="{charter.url}"' in html
        assert_plain(html)
    assert_plain(after_posting)


def test_refused_reply_waiting_under_its_thread_shows_the_plain_reason(
    client, article, reader, make_reader, publish_comment, charter
):
    thread = publish_comment(article, make_reader("Georges A."), "Les routes sont coupées.")

    html = post(client, article, HATEFUL, parent=thread.pk).content.decode()

    assert f"Votre réponse n’a pas été publiée : {PLAIN}" in html
    assert f'href="{charter.url}"' in html
    assert_plain(html)


def test_moderator_refusal_text_still_reaches_the_reader(client, article, reader, moderator):
    post(client, article, "Parlons plutôt du championnat de basket.")
    comment = Comment.objects.get()
    reject(
        comments=[comment],
        moderator=moderator,
        category="hors-sujet",
        reason="Le débat porte sur les pluies.",
    )

    article_page = client.get(article.url).content.decode()
    mine = client.get(MY_COMMENTS).content.decode()

    for html in (article_page, mine):
        assert "Hors sujet<br>Le débat porte sur les pluies." in html
    assert reader_reason(Comment.objects.get()) == "Hors sujet\nLe débat porte sur les pluies."


def test_comment_held_by_reports_says_only_that_a_moderator_will_read_it(
    client, article, reader, publish_comment
):
    comment = publish_comment(article, reader, "Les pluies ont noyé nos champs.")
    comment.open_reports = 3
    hold_for_reports(comment)

    mine = client.get(MY_COMMENTS).content.decode()

    assert "En attente de modération" in mine
    assert "Signalé" not in mine
    assert reader_reason(comment) == ""


def test_pending_after_screening_keeps_its_findings_to_moderators(client, article, reader):
    html = post(client, article, "ESPÈCE D'ÂNE, TU NE COMPRENDS RIEN À LA BÉKAA !").content.decode()

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason
    assert "Votre commentaire est en attente de modération" in html
    assert comment.held_reason.splitlines()[0] not in html
    assert reader_reason(comment) == ""


def test_screening_refusal_names_each_ground_once_and_the_duplicate_in_plain_words(article, reader):
    refused = Comment(
        article=article,
        author=reader,
        status=Comment.Status.REJECTED,
        findings=[
            {"rule": "threat", "verdict": "reject", "reason": "Appel au meurtre"},
            {"rule": "banned-word", "verdict": "reject", "reason": "Mot interdit : « x »"},
            {"rule": "shouting", "verdict": "hold", "reason": "Majuscules"},
            {"rule": "classifier", "verdict": "reject", "reason": "…", "kind": "menace"},
        ],
    )
    twice = Comment(
        article=article,
        author=reader,
        status=Comment.Status.REJECTED,
        findings=[{"rule": "duplicate", "verdict": "reject", "reason": "Identique"}],
    )
    # Stored before findings kept the classifier's kind: read from its reason.
    older = Comment(
        article=article,
        author=reader,
        status=Comment.Status.REJECTED,
        findings=[
            {"rule": "classifier", "verdict": "reject", "reason": "Menace probable (0,99) : « a »"}
        ],
    )

    assert reader_reason(refused) == (
        "il est contraire à la charte des commentaires. "
        "Motifs : Menace ou appel à la violence ; Insulte ou attaque personnelle."
    )
    assert reader_reason(twice) == "vous avez déjà envoyé ce même commentaire il y a peu."
    assert reader_reason(older) == (
        "il est contraire à la charte des commentaires. Motif : Menace ou appel à la violence."
    )


def test_data_export_tells_what_screening_concluded_but_not_how_it_weighs(client, article, reader):
    post(client, article, HATEFUL)

    exported = personal_data(reader)["commentaires"][0]

    assert exported["motif"] == PLAIN
    # The right of access covers what was concluded of the comment; the scores and the
    # words that weighed would teach a troll how to get past the screening.
    assert "Propos déshumanisants" in exported["notes_de_moderation"]
    assert not [part for part in INTERNALS if part in exported["notes_de_moderation"]]


def test_data_export_gives_a_moderator_s_refusal_in_their_words(client, article, reader, moderator):
    post(client, article, "Parlons plutôt du championnat de basket.")
    reject(
        comments=Comment.objects.all(),
        moderator=moderator,
        category="hors-sujet",
        reason="Le débat porte sur les pluies.",
    )

    exported = personal_data(reader)["commentaires"][0]

    assert exported["notes_de_moderation"] == (
        "Refusé par un modérateur : Hors sujet\nLe débat porte sur les pluies."
    )
