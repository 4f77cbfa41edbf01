"""What an attacker tried against the paywall, each kept from coming back: search as an
oracle of the locked text, an alias in a free section, a malformed id or event."""

import pytest
from django.conf import settings

from quotidien.news.models import Access
from quotidien.subscriptions.models import StripeEvent

pytestmark = pytest.mark.django_db

FIRST = "Les dockers ont repris le travail lundi matin"
LOCKED = "Le détail des contrats du port reste confidentiel selon nos sources"


@pytest.fixture
def locked_article(economy, make_article):
    return make_article(
        economy,
        "Le port de Beyrouth sous tension",
        body=[
            ("paragraph", f"<p>{FIRST}.</p>"),
            ("paragraph", f"<p>{LOCKED}.</p>"),
        ],
    )


def found(client, query: str) -> int:
    return client.get("/api/v1/search/", {"q": query}).json()["count"]


def test_a_phrase_of_the_locked_part_finds_nothing_but_its_words_still_do(client, locked_article):
    # A phrase search answering yes or no would spell out the locked text word by word.
    assert found(client, '"contrats du port reste confidentiel"') == 0
    assert found(client, '"matin le détail"') == 0
    # Readers still find the article by what it is about, and by its teaser as written.
    assert found(client, "contrats confidentiel") == 1
    assert found(client, '"repris le travail lundi"') == 1


def test_a_free_article_is_searched_by_its_phrases(client, make_section, make_article):
    make_article(
        make_section("Sport"),
        body=[("paragraph", f"<p>{FIRST}.</p>"), ("paragraph", f"<p>{LOCKED}.</p>")],
    )
    assert found(client, '"contrats du port reste confidentiel"') == 1


def test_a_section_that_turns_to_subscribers_has_its_articles_indexed_again(
    client, make_section, make_article
):
    sport = make_section("Sport")
    make_article(
        sport, body=[("paragraph", f"<p>{FIRST}.</p>"), ("paragraph", f"<p>{LOCKED}.</p>")]
    )
    assert found(client, '"contrats du port reste confidentiel"') == 1
    sport.access = Access.SUBSCRIBERS
    sport.save_revision().publish()
    assert found(client, '"contrats du port reste confidentiel"') == 0


def test_an_alias_in_a_free_section_stays_for_subscribers(client, locked_article, make_section):
    alias = locked_article.create_alias(parent=make_section("Liban"), update_slug="le-port-alias")
    page = client.get(alias.url).content.decode()
    assert FIRST in page
    assert "reste confidentiel" not in page
    assert client.get(f"/api/v1/articles/{alias.pk}/").json()["access"] == "subscribers"


@pytest.mark.parametrize("value", ["abc", "1.5", "0x1", "99999999999999999999"])
def test_a_subscription_number_that_is_not_one_is_a_404(client, make_reader, value):
    client.force_login(make_reader())
    for action in ("resilier", "reactiver", "carte"):
        response = client.post(f"/compte/abonnement/{action}/", {"subscription": value})
        assert response.status_code == 404


@pytest.mark.parametrize(
    "event",
    [{}, [], {"id": "evt_1"}, {"id": "evt_2", "type": "invoice.paid", "created": 1}],
    ids=["empty", "list", "no-type", "no-object"],
)
def test_a_signed_event_stripe_would_never_send_is_refused_and_not_kept(deliver, event):
    assert deliver(event).status_code == 400
    assert not StripeEvent.objects.exists()


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="SQLite runs one writing transaction at a time: nothing to race",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_requests_open_no_more_articles_than_the_meter_allows(
    economy, make_article, make_reader, settings
):
    """Six articles asked at once by one reader with a meter of two: two open, not more."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections
    from django.test import Client

    from quotidien.subscriptions.models import MeteredRead

    settings.QUOTIDIEN_METER_PER_MONTH = 2
    articles = [
        make_article(
            economy,
            body=[("paragraph", f"<p>{FIRST}.</p>"), ("paragraph", f"<p>{LOCKED} {n}.</p>")],
        )
        for n in range(6)
    ]
    reader = make_reader()
    client = Client()
    client.force_login(reader)

    def read(article) -> bool:
        try:
            return f"{LOCKED} " in client.get(article.url).content.decode()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=6) as pool:
        opened = sum(pool.map(read, articles))

    assert opened == 2
    assert MeteredRead.objects.filter(user=reader).count() == 2
