"""Limits on what one account or address may do in a while, shared by every web worker:
comments, password resets, sign-ups; stopped readers are told in French when to retry and
keep what they typed."""

import os

import pytest
from django.core import mail
from django.core.cache import cache

from quotidien.comments.models import Comment
from quotidien.ratelimits import limits
from quotidien.ratelimits.models import Counter

pytestmark = pytest.mark.django_db
RESET = "/compte/mot-de-passe/"
SIGNUP = "/compte/inscription/"


@pytest.fixture
def article(home, make_section, make_article):
    return make_article(make_section("Liban"), "Les pluies reviennent sur la Békaa")


# Limits count in fixed windows from the clock's start. The limits' clock stands still in
# tests (rate_limit_clock, tests/conftest.py): a window ends only when a test moves it.


def test_a_count_starts_again_with_the_next_window(settings, rate_limit_clock):
    settings.QUOTIDIEN_RATE_LIMITS = {"essai": (2, 60)}
    rate_limit_clock.now += 58

    verdicts = [limits.hit("essai", "lecteur-1") for _ in range(3)]
    rate_limit_clock.now += 2

    assert [bool(verdict) for verdict in verdicts] == [True, True, False]
    assert verdicts[-1].retry_after == 2
    assert limits.hit("essai", "lecteur-1")


def test_a_limit_allows_its_count_then_says_how_long_to_wait(settings):
    settings.QUOTIDIEN_RATE_LIMITS = {"essai": (3, 3600)}

    verdicts = [limits.hit("essai", "lecteur-1") for _ in range(5)]
    other = limits.hit("essai", "lecteur-2")

    assert [bool(verdict) for verdict in verdicts] == [True, True, True, False, False]
    assert 1 <= verdicts[-1].retry_after <= 3600
    assert other.allowed


def test_counts_live_in_the_database_that_every_worker_shares(settings):
    settings.QUOTIDIEN_RATE_LIMITS = {"essai": (2, 3600)}
    limits.hit("essai", "lecteur-1")
    limits.hit("essai", "lecteur-1")
    cache.clear()  # what a worker keeps in its own memory is no part of the count

    assert not limits.hit("essai", "lecteur-1")
    assert Counter.objects.get().count == 3


def test_with_redis_the_counts_are_kept_there_for_every_worker(settings):
    """Against the Redis server production uses (the tests' own database number)."""
    settings.CACHES = {
        **settings.CACHES,
        "ratelimits": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            # Its own prefix: the SQLite and PostgreSQL runs share the server side by side.
            "KEY_PREFIX": f"quotidien-test-limits-{os.getpid()}",
        },
    }
    settings.RATE_LIMITS_CACHE = "ratelimits"
    settings.QUOTIDIEN_RATE_LIMITS = {"essai": (2, 3600)}
    from django.core.cache import caches

    caches["ratelimits"].delete_pattern("*")
    try:
        assert limits.hit("essai", "lecteur-1")
        assert limits.hit("essai", "lecteur-1")
        stopped = limits.hit("essai", "lecteur-1")
        assert not stopped and 1 <= stopped.retry_after <= 3600
        assert limits.hit("essai", "lecteur-2")
        assert not Counter.objects.exists()
    finally:
        caches["ratelimits"].delete_pattern("*")


def test_a_limit_of_zero_is_off(settings):
    settings.QUOTIDIEN_RATE_LIMITS = {"essai": (0, 60)}

    assert all(limits.hit("essai", "lecteur-1") for _ in range(20))


def test_a_reader_posting_comments_in_a_burst_is_stopped_and_keeps_the_text(
    client, article, make_reader, settings
):
    settings.QUOTIDIEN_RATE_LIMITS = {**settings.QUOTIDIEN_RATE_LIMITS, "comment": (5, 3600)}
    client.force_login(make_reader("Rima K."))
    path = article.url + "commentaires/"

    answers = [client.post(path, {"body": f"Réaction numéro {n} à chaud."}) for n in range(40)]

    assert [answer.status_code for answer in answers[:5]] == [302] * 5
    assert {answer.status_code for answer in answers[5:]} == {429}
    assert Comment.objects.count() == 5
    stopped = answers[-1]
    html = stopped.content.decode()
    assert "réessayez dans" in html
    assert "Réaction numéro 39 à chaud." in html
    assert 1 <= int(stopped["Retry-After"]) <= 3600


def test_each_reader_has_their_own_comment_limit(client, article, make_reader, settings):
    settings.QUOTIDIEN_RATE_LIMITS = {**settings.QUOTIDIEN_RATE_LIMITS, "comment": (1, 60)}
    for number in range(3):
        client.force_login(make_reader(f"Lecteur {number}"))
        response = client.post(article.url + "commentaires/", {"body": "Bien vu, merci."})
        assert response.status_code == 302

    assert Comment.objects.count() == 3


def test_password_reset_mails_one_address_a_few_times_an_hour(client, make_reader, settings):
    make_reader(email="rima@example.org")
    limit, _seconds = settings.QUOTIDIEN_RATE_LIMITS["address-emails"]

    answers = [client.post(RESET, {"email": "Rima@example.org"}) for _ in range(20)]

    assert len(mail.outbox) == limit
    assert {answer.status_code for answer in answers[limit:]} == {429}
    html = answers[-1].content.decode()
    assert "réessayez dans" in html
    assert 'value="Rima@example.org"' in html


def test_password_reset_answers_alike_for_unknown_addresses_when_stopped(
    client, make_reader, settings
):
    make_reader(email="rima@example.org")
    limit, _seconds = settings.QUOTIDIEN_RATE_LIMITS["address-emails"]
    for _ in range(limit):
        client.post(RESET, {"email": "rima@example.org"})
        client.post(RESET, {"email": "personne@example.org"})

    known = client.post(RESET, {"email": "rima@example.org"})
    unknown = client.post(RESET, {"email": "personne@example.org"})

    assert known.status_code == unknown.status_code == 429


def test_password_reset_from_one_address_is_limited_across_emails(client, make_reader, settings):
    limit, _seconds = settings.QUOTIDIEN_RATE_LIMITS["password-reset-address"]
    for number in range(limit + 5):
        make_reader(email=f"lecteur{number}@example.org")

    answers = [
        client.post(RESET, {"email": f"lecteur{number}@example.org"}).status_code
        for number in range(limit + 5)
    ]

    assert len(mail.outbox) == limit
    assert set(answers[limit:]) == {429}


def test_sign_ups_from_one_address_are_limited_and_the_form_keeps_its_fields(
    client, home, settings
):
    limit, _seconds = settings.QUOTIDIEN_RATE_LIMITS["signup"]

    def sign_up(number):
        return client.post(
            SIGNUP,
            {
                "email": f"nouveau{number}@example.org",
                "display_name": f"Nouveau {number}",
                "password1": "Cedres-et-Neige-24",
                "password2": "Cedres-et-Neige-24",
            },
        )

    answers = [sign_up(number) for number in range(limit + 2)]

    assert [answer.status_code for answer in answers[:limit]] == [200] * limit
    stopped = answers[-1]
    html = stopped.content.decode()
    assert stopped.status_code == 429
    assert "réessayez dans" in html
    assert 'value="nouveau' in html and 'value="Nouveau' in html
    assert len(mail.outbox) == limit


def test_sign_ups_naming_one_e_mail_address_mail_it_a_few_times_an_hour(client, home, settings):
    """From many addresses, as someone who would flood a stranger's mailbox: the address
    named gets as many e-mails as a password reset would send it, account or not."""
    limit, _seconds = settings.QUOTIDIEN_RATE_LIMITS["address-emails"]

    def sign_up(number):
        return client.post(
            SIGNUP,
            {
                "email": "Victime@example.net" if number % 2 else "victime@example.net",
                "display_name": f"Victime {number}",
                "password1": "Cedres-et-Neige-24",
                "password2": "Cedres-et-Neige-24",
            },
            REMOTE_ADDR=f"192.0.2.{number + 1}",
        )

    answers = [sign_up(number) for number in range(limit + 3)]

    assert len(mail.outbox) == limit
    assert {answer.status_code for answer in answers[limit:]} == {429}
    assert "réessayez dans" in answers[-1].content.decode()


def test_sign_ups_and_password_resets_share_one_address_s_e_mails(client, make_reader, settings):
    make_reader(email="rima@example.org")
    limit, _seconds = settings.QUOTIDIEN_RATE_LIMITS["address-emails"]
    for _ in range(limit - 1):
        client.post(RESET, {"email": "rima@example.org"})

    signing_up = client.post(
        SIGNUP,
        {
            "email": "rima@example.org",
            "display_name": "Rima bis",
            "password1": "Cedres-et-Neige-24",
            "password2": "Cedres-et-Neige-24",
        },
    )
    resetting = client.post(RESET, {"email": "rima@example.org"})

    assert (signing_up.status_code, resetting.status_code) == (200, 429)
    assert len(mail.outbox) == limit


def test_an_ipv6_line_is_one_address_whichever_of_its_addresses_asks(client, settings):
    settings.QUOTIDIEN_RATE_LIMITS = {
        **settings.QUOTIDIEN_RATE_LIMITS,
        "password-reset-address": (3, 3600),
    }

    def reset(address, number):
        return client.post(RESET, {"email": f"lecteur{number}@example.org"}, REMOTE_ADDR=address)

    same_line = [reset(f"2001:db8:5:7:{number}::1", number).status_code for number in range(4)]
    other_line = reset("2001:db8:5:8::1", 4)

    assert same_line == [302, 302, 302, 429]
    assert other_line.status_code == 302


@pytest.mark.parametrize(
    ("retry_after", "said"),
    [
        (1, "réessayez dans 1 seconde"),
        (89, "réessayez dans 89 secondes"),
        (90, "réessayez dans 2 minutes"),
        (5399, "réessayez dans 90 minutes"),
        (5400, "réessayez dans 2 heures"),
        (80040, "réessayez dans 23 heures"),
    ],
)
def test_a_stopped_reader_is_told_the_wait_in_seconds_minutes_or_hours(retry_after, said):
    assert limits.wait_message(retry_after) == said
