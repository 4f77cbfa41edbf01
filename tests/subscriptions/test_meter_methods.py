"""Only an article a reader opens spends one of the month's free subscriber articles: a
HEAD (a link checker) and a browser's prefetch or prerender spend nothing."""

from datetime import date

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from quotidien.french.dates import french_date
from quotidien.subscriptions.models import MeteredRead

pytestmark = pytest.mark.django_db

LOCKED = "Le détail des contrats du port reste confidentiel"


@pytest.fixture
def articles(economy, make_article):
    return [
        make_article(
            economy, body=[("paragraph", "<p>Début.</p>"), ("paragraph", f"<p>{LOCKED}.</p>")]
        )
        for _ in range(4)
    ]


@pytest.fixture
def metered_reader(client, make_reader, settings):
    settings.QUOTIDIEN_METER_PER_MONTH = 3
    reader = make_reader()
    client.force_login(reader)
    return reader


def test_head_requests_spend_no_free_article(client, articles, metered_reader):
    answers = [client.head(article.url) for article in articles]

    assert [answer.status_code for answer in answers] == [200] * 4
    page = client.get(articles[0].url).content.decode()
    assert LOCKED in page and "il vous en reste 2 à lire ce mois-ci" in page
    assert MeteredRead.objects.filter(user=metered_reader).count() == 1


def test_a_prefetch_spends_nothing_and_is_declined_so_that_opening_the_article_counts(
    client, articles, metered_reader
):
    prefetched = client.get(articles[0].url, HTTP_SEC_PURPOSE="prefetch;prerender")
    fetched_ahead = client.get(articles[1].url, HTTP_PURPOSE="prefetch")

    # A browser drops a prefetch that is not a success and asks again when the reader
    # opens the article: they never land on a teaser the meter would have opened.
    assert [prefetched.status_code, fetched_ahead.status_code] == [503, 503]
    assert LOCKED not in prefetched.content.decode() + fetched_ahead.content.decode()
    assert not MeteredRead.objects.exists()
    opened = client.get(articles[0].url).content.decode()
    assert LOCKED in opened and "il vous en reste 2 à lire ce mois-ci" in opened


def test_my_subscription_says_how_many_free_articles_are_left(client, articles, metered_reader):
    client.get(articles[0].url)

    page = client.get("/compte/abonnement/").content.decode()

    assert "Ce mois-ci, il vous reste 2 articles abonnés offerts." in page


def test_my_subscription_says_when_the_spent_meter_starts_again(client, articles, metered_reader):
    for article in articles[:3]:
        client.get(article.url)

    page = lxml_html.fromstring(client.get("/compte/abonnement/").content)

    [said] = page.xpath("//*[@class='my-subscription__meter']")
    # Worked out apart from the page's own arithmetic: December leads to January.
    today = timezone.localdate()
    first_of_next_month = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    assert said.text_content().replace("\u202f", " ") == (
        "Vous avez lu ce mois-ci tous les articles abonnés qui vous sont offerts : "
        f"d’autres le seront dès le {french_date(first_of_next_month)}."
    )
