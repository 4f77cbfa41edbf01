"""Structured data and social cards of an article of the demo newsroom."""

from datetime import datetime

import pytest
from django.db import transaction
from django.test import override_settings

from quotidien.demo.loader import load_demo
from quotidien.news.models import ArticlePage
from quotidien.news.tasks import make_article_renditions
from quotidien.syndication.links import page_url
from tests.renditions import making_renditions
from tests.syndication.paper import SITE_URL, json_ld, open_graph, structured

pytestmark = pytest.mark.django_db

NEWS_ARTICLE = {
    "headline",
    "description",
    "image",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "articleSection",
    "isAccessibleForFree",
    "mainEntityOfPage",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo newsroom, loaded once for this module and rolled back after it."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


def test_demo_article_carries_news_article_open_graph_and_twitter_card(client, demo):
    article = (
        ArticlePage.objects.live()
        .filter(lead_image__isnull=False, authors__isnull=False)
        .order_by("-first_published_at")
        .first()
    )
    with making_renditions():
        make_article_renditions.call(article.pk)  # as the worker does once it is published
    url = page_url(article)

    data = structured(client, article.url)

    news = json_ld(data, "NewsArticle")
    assert NEWS_ARTICLE <= set(news)
    assert news["headline"] == article.title
    assert news["description"] == article.standfirst
    assert news["mainEntityOfPage"]["@id"] == url
    assert datetime.fromisoformat(news["datePublished"]) == article.first_published_at
    assert news["dateModified"] >= news["datePublished"]
    [image] = news["image"]
    assert image["url"].startswith(f"{SITE_URL}/media/images/")
    assert (image["width"], image["height"]) == (1200, 675)
    assert {author["name"] for author in news["author"]} >= {
        author.name for author in article.authors.all()
    }
    assert news["publisher"]["name"] == "Quotidien"
    assert news["publisher"]["logo"]["url"].startswith(f"{SITE_URL}/static/img/logo")
    assert news["articleSection"] == article.get_parent().title
    assert news["isAccessibleForFree"] is True

    og = open_graph(data)
    assert og["og:type"] == ["article"]
    assert og["og:title"] == [article.title]
    assert og["og:description"] == [article.standfirst]
    assert og["og:url"] == [url]
    assert og["og:image"] == [image["url"]]
    assert (og["og:image:width"], og["og:image:height"]) == (["1200"], ["675"])
    assert og["article:published_time"] == [news["datePublished"]]
    assert og["article:modified_time"] == [news["dateModified"]]
    assert og["article:section"] == [news["articleSection"]]
    assert sorted(og["article:tag"]) == sorted(tag.name for tag in article.tags.all())
    assert data["twitter"]["twitter:card"] == "summary_large_image"
    assert data["twitter"]["twitter:image"] == image["url"]
    assert data["canonical"] == [url]
    assert data["description"] == [article.standfirst]
