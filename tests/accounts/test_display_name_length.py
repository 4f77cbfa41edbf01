"""A display name is as long as it reads: typed with combining accents (« e » then « ́ »),
it is counted and stored composed, one letter each."""

import unicodedata

import pytest

from quotidien.accounts.forms import SignupForm

pytestmark = pytest.mark.django_db


def test_a_name_typed_with_combining_accents_counts_its_letters_not_its_code_points():
    name = "Hélène Éléonore Bénédicte Géraldine de Séléné-Védrine É."
    typed = unicodedata.normalize("NFD", name)
    assert len(typed) > 60 >= len(name)

    form = SignupForm(data={"display_name": typed})
    form.is_valid()

    assert form.errors.get("display_name") is None
    assert form.cleaned_data["display_name"] == name
