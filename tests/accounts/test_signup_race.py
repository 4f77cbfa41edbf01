"""Two people signing up at the same moment: the second to finish, whose form was checked
before the first's account existed, gets the form's French error with what they typed,
never a 500 nor a second account under the same name or address."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from quotidien.accounts import services, views

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "Cedres-et-Neige-24"


def sign_up(client, email: str, display_name: str):
    return client.post(
        "/compte/inscription/",
        {
            "email": email,
            "display_name": display_name,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


@pytest.fixture
def first_finishes_meanwhile(monkeypatch):
    """The other sign-up, committed between this one's form check and its account."""

    def arrange(*, email: str, display_name: str):
        def signup_after_the_other(**arguments):
            services.reader_signup(
                email=email,
                display_name=display_name,
                password=PASSWORD,
                base_url="http://testserver",
            )
            return services.reader_signup(**arguments)

        monkeypatch.setattr(views, "reader_signup", signup_after_the_other)

    return arrange


def test_the_second_of_two_sign_ups_for_one_name_is_told_it_is_taken(
    client, home, first_finishes_meanwhile
):
    first_finishes_meanwhile(email="rima@example.org", display_name="Rima K.")

    answer = sign_up(client, "rima.khoury@example.org", "rima k.")

    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Ce nom est déjà pris par un autre lecteur." in page
    assert 'value="rima.khoury@example.org"' in page and 'value="rima k."' in page
    assert list(User.objects.filter(display_name__iexact="Rima K.").values_list("email")) == [
        ("rima@example.org",)
    ]
    assert [message.to for message in mail.outbox] == [["rima@example.org"]]


def test_the_second_of_two_sign_ups_for_one_address_gets_what_a_taken_address_gets(
    client, home, first_finishes_meanwhile
):
    first_finishes_meanwhile(email="rima@example.org", display_name="Rima K.")

    answer = sign_up(client, "rima@example.org", "Rima Khoury")

    assert answer.status_code == 200
    assert "Confirmez votre adresse" in answer.content.decode()
    assert User.objects.filter(email="rima@example.org").count() == 1
    assert [message.to for message in mail.outbox] == [["rima@example.org"]] * 2
