"""What readers type that shows something else: invisible bodies, direction marks, look-alike
names, and replies to a comment that is not there."""

import pytest
from django.contrib.auth import get_user_model

from quotidien.comments.models import Comment, Report

pytestmark = pytest.mark.django_db


def post(client, article, body, **data):
    return client.post(article.url + "commentaires/", {"body": body, **data}, follow=True)


@pytest.mark.parametrize(
    "body",
    [
        "\u200b\u200b\u200b",
        "\u200d \u2060 \ufeff",
        "\u200e\u200f",
        "\u202e\u2066 \u2069",
        "\x1b\x85",
    ],
)
def test_comment_of_only_invisible_characters_is_refused_as_empty(client, article, reader, body):
    response = post(client, article, body)

    assert response.status_code == 400
    assert "Votre commentaire est vide." in response.content.decode()
    assert not Comment.objects.exists()


def test_direction_overrides_are_taken_out_of_a_comment(client, article, reader):
    post(client, article, "Le prix est de \u202e0001\u202c dollars \u2067ici\u2069.")

    assert Comment.objects.get().body == "Le prix est de 0001 dollars ici."


def test_arabic_comment_keeps_its_letters_and_line_breaks(client, article, reader):
    post(client, article, "متوقف منذ آذار\nوالله")

    assert Comment.objects.get().body == "متوقف منذ آذار\nوالله"


def test_control_characters_are_taken_out_of_a_comment(client, article, reader):
    post(client, article, "Bonne\x1b[31m nouvelle\x85 enfin\ufffe.")

    assert Comment.objects.get().body == "Bonne[31m nouvelle enfin."


@pytest.fixture
def signup(client, home):
    def sign_up(display_name: str):
        return client.post(
            "/compte/inscription/",
            {
                "email": "nouveau@example.org",
                "display_name": display_name,
                "password1": "Cedres-et-Neige-24",
                "password2": "Cedres-et-Neige-24",
            },
        )

    return sign_up


@pytest.mark.parametrize("look_alike", ["Ｒｉｔａ", "Ri\u200bta", "\u202eRita", "ｒｉｔａ"])
def test_a_name_that_only_looks_like_a_taken_one_is_refused(signup, make_reader, look_alike):
    make_reader("Rita")

    html = signup(look_alike).content.decode()

    assert "Ce nom est déjà pris" in html
    assert not get_user_model().objects.filter(email="nouveau@example.org").exists()


def test_a_full_width_name_is_stored_in_plain_letters(signup):
    signup("Ｓａｍｉ\u202e Ｋ.")

    assert get_user_model().objects.get(email="nouveau@example.org").display_name == "Sami K."


@pytest.fixture
def other_article(make_section, make_article):
    return make_article(make_section("Monde"), "Sommet régional sur l’eau")


@pytest.mark.parametrize("where", ["other_article", "held", "missing"])
def test_a_reply_to_a_comment_it_cannot_answer_is_refused_with_its_text_kept(
    client, article, other_article, reader, make_reader, publish_comment, where
):
    author = make_reader("Lina")
    if where == "other_article":
        parent = publish_comment(other_article, author, "Ailleurs.").pk
    elif where == "held":
        parent = Comment.objects.create(
            article=article, author=author, body="En attente.", status=Comment.Status.PENDING
        ).pk
    else:
        parent = 999_999
    before = Comment.objects.count()

    response = post(client, article, "Je réponds à ce commentaire.", parent=parent)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Le commentaire auquel vous répondez" in html
    assert "Je réponds à ce commentaire." in html
    assert Comment.objects.count() == before


def test_a_refused_reply_can_be_sent_again_as_a_new_comment(client, article, reader, make_reader):
    response = post(client, article, "Je réponds.", parent=999_999)

    assert 'name="parent"' in response.content.decode()
    assert 'value="999999"' not in response.content.decode()


def test_a_report_note_keeps_no_control_or_direction_characters(
    client, article, reader, make_reader, publish_comment
):
    comment = publish_comment(article, make_reader("Lina"), "Un avis.")

    client.post(
        f"/commentaires/{comment.pk}/signaler/",
        {"reason": Report.Reason.choices[0][0], "note": "Insulte\x1b \u202eenvers\u202c moi"},
    )

    assert Report.objects.get().note == "Insulte envers moi"
