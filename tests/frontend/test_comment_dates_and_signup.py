"""What a reader sees under an article's comments: dates written as the rest of the site
writes them, and a sign-up link that brings them back to the comments."""

import re
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# The site's time zone (settings.TIME_ZONE).
BEIRUT = ZoneInfo("Asia/Beirut")


@pytest.fixture
def article(home, make_section, make_article):
    return make_article(make_section("Liban"), "Les pluies reviennent sur la Békaa")


def comment_dates(html: str) -> list[str]:
    return re.findall(r'<header class="comment__meta">.*?<time [^>]*>([^<]+)</time>', html, re.S)


@pytest.mark.parametrize("page", ["", "commentaires/"])
def test_comment_dates_read_as_the_sites_dates(article, make_reader, publish_comment, page):
    publish_comment(article, make_reader(), when=datetime(2026, 12, 6, 21, 30, tzinfo=BEIRUT))

    html = Client().get(article.url + page).content.decode()

    assert comment_dates(html) == ["6 décembre 2026 à 21 h 30"]


@pytest.mark.parametrize("page", ["", "commentaires/"])
def test_sign_up_under_the_comments_brings_the_reader_back_to_them(article, page):
    html = Client().get(article.url + page).content.decode()

    signup = re.search(r'<a href="([^"]+)">créez un compte</a>', html)[1]

    assert signup == "/compte/inscription/?next=" + quote(f"{article.url}{page}#commentaires")
