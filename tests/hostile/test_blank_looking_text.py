"""Characters that are letters or symbols to Unicode yet show as an empty space (Hangul
fillers, the blank Braille pattern) or nothing but marks: a comment or a display name made
only of them is as empty as one of zero-width spaces."""

import pytest
from django.contrib.auth import get_user_model

from quotidien.comments.models import Comment

pytestmark = pytest.mark.django_db

BLANK_LOOKING = [
    "\u3164\u3164\u3164",  # Hangul filler
    "\u115f\u1160",  # Hangul choseong and jungseong fillers
    "\uffa0\uffa0",  # half-width Hangul filler
    "\u2800\u2800\u2800",  # Braille pattern blank
    "\u034f\u034f",  # combining grapheme joiner
    "\u0301\u0301\u0301",  # accents on nothing
    "\u180e \u3000 \u2800",
]


@pytest.mark.parametrize("body", BLANK_LOOKING)
def test_a_comment_that_shows_nothing_is_refused_on_the_site_and_in_the_api(
    client, article, reader, body
):
    on_site = client.post(article.url + "commentaires/", {"body": body})
    in_api = client.post(
        f"/api/v1/articles/{article.pk}/comments/",
        {"body": body},
        content_type="application/json",
        HTTP_X_CSRFTOKEN="x",
    )

    assert on_site.status_code == 400
    assert "Votre commentaire est vide." in on_site.content.decode()
    assert in_api.status_code == 422
    assert not Comment.objects.exists()


@pytest.mark.parametrize("display_name", BLANK_LOOKING)
def test_a_display_name_that_shows_nothing_is_refused(client, home, display_name):
    answer = client.post(
        "/compte/inscription/",
        {
            "email": "nouveau@example.org",
            "display_name": display_name,
            "password1": "Cedres-et-Neige-24",
            "password2": "Cedres-et-Neige-24",
        },
    )

    assert answer.status_code == 400
    assert "Choisissez un nom" in answer.content.decode()
    assert not get_user_model().objects.filter(email="nouveau@example.org").exists()
