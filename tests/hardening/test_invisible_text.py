"""A comment or a display name made only of marks with nothing to sit on, or of format
characters that show nothing (tags, variation selectors, invisible operators, the Arabic
letter mark, a byte order mark, line separators), is as empty as one of spaces: refused
with the form's French message, as the probe of the open internet tried them."""

import pytest
from django.core.exceptions import ValidationError

from quotidien.accounts.forms import SignupForm
from quotidien.comments.services import clean_body

INVISIBLE = [
    "\u0301\u0308\u030a",  # accents on nothing
    "\u20dd\u20de",  # enclosing marks
    "\ufe0f\ufe0e\U000e0100",  # variation selectors
    "\U000e0041\U000e0042\U000e007f",  # tag characters
    "\u2061\u2062\u2063\u2064",  # invisible operators
    "\u061c\ufeff\u00ad",  # Arabic letter mark, byte order mark, soft hyphen
    "\u2028\u2029\u3000",  # line and paragraph separators, ideographic space
    "\U0001d173\U0001d17a\U00013430",  # musical and Egyptian format controls
    " \u0301 \u200d ",
]


@pytest.mark.parametrize("body", INVISIBLE)
def test_a_comment_of_invisible_characters_only_is_empty(body):
    with pytest.raises(ValidationError) as refused:
        clean_body(body)

    assert refused.value.code == "empty"
    assert refused.value.messages == ["Votre commentaire est vide."]


@pytest.mark.parametrize("name", INVISIBLE)
def test_a_display_name_of_invisible_characters_only_is_refused(db, name):
    form = SignupForm(
        {
            "email": "nouveau@example.org",
            "display_name": name,
            "password1": "Cedres-et-Neige-24",
            "password2": "Cedres-et-Neige-24",
        }
    )

    assert not form.is_valid()
    # What is only spaces to Python is a missing field already.
    assert form.errors["display_name"][0] in (
        "Choisissez un nom d’au moins deux caractères.",
        "Champ requis.",
    )


def test_a_letter_under_its_accents_is_a_comment():
    assert clean_body("e\u0301") == "e\u0301"
