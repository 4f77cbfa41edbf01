"""The newsroom, who write, edit and check the paper, read subscriber articles in full;
members of the back office who do not (moderators, the Service abonnés) get what a reader
without a subscription gets, on the site and through the API."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from quotidien.accounts.tokens import reader_token
from quotidien.news.newsroom import EDITORS, JOURNALISTS, MODERATORS, SUBSCRIBER_SERVICE

pytestmark = pytest.mark.django_db
LOCKED = "Le montant de la concession reste secret"


@pytest.fixture
def locked_article(economy, make_article, settings):
    settings.QUOTIDIEN_METER_PER_MONTH = 0  # what a reader without access gets: the teaser
    return make_article(
        economy,
        "Le terminal à conteneurs change de main",
        body=[
            ("paragraph", "<p>Le contrat a été signé jeudi soir.</p>"),
            ("paragraph", f"<p>{LOCKED}, disent nos sources.</p>"),
        ],
    )


def reads_in_full(user, article) -> tuple[bool, bool]:
    """Whether `user` reads the locked part on the page, and through the API."""
    site = Client()
    site.force_login(user)
    page = site.get(article.url).content.decode()
    token = {"HTTP_AUTHORIZATION": f"Bearer {reader_token(user)[0]}"}
    api = Client(HTTP_HOST="localhost").get(f"/api/v1/articles/{article.pk}/", **token)
    return LOCKED in page, LOCKED in api.json()["body_html"]


@pytest.mark.parametrize(
    ("group", "full"),
    [(JOURNALISTS, True), (EDITORS, True), (MODERATORS, False), (SUBSCRIBER_SERVICE, False)],
)
def test_who_of_the_back_office_reads_subscriber_articles_in_full(
    locked_article, make_reader, group, full
):
    member = make_reader(email="membre@quotidien.example")
    member.groups.add(Group.objects.get(name=group))

    assert reads_in_full(member, locked_article) == (full, full)
