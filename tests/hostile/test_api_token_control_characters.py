"""A login with a control character in it is refused as invalid data by the token endpoint:
PostgreSQL cannot hold a NUL, and the lookups of the account failed with a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("email", ["lecteur\x00@example.org", "lecteur@example.org\x1b"])
def test_a_token_asked_with_a_control_character_in_the_email_is_a_422(client, db, email):
    answer = client.post(
        "/api/v1/readers/token/",
        {"email": email, "password": "devine"},
        content_type="application/json",
    )

    assert answer.status_code == 422
    (detail,) = answer.json()["erreur"]["details"]
    assert detail["cible"] == "data.email"
    assert "caractère de contrôle" in detail["message"]
