"""An address typed in full-width letters names the account of its plain form: sign-up
treats it as the taken address it is, instead of failing on the account's user name."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db


def test_signing_up_with_a_full_width_form_of_a_taken_address_tells_its_owner(
    client, home, make_reader
):
    make_reader("Georges A.", email="deja@example.org")

    answer = client.post(
        "/compte/inscription/",
        {
            "email": "deja@ｅｘａｍｐｌｅ.org",
            "display_name": "Rima K.",
            "password1": "Cedres-et-Neige-24",
            "password2": "Cedres-et-Neige-24",
        },
    )

    assert answer.status_code == 200
    assert "Confirmez votre adresse" in answer.content.decode()
    assert get_user_model().objects.filter(display_name="Rima K.").count() == 0
    (message,) = mail.outbox
    assert message.to == ["deja@example.org"]
