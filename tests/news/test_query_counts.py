"""Main pages cost a fixed number of SQL queries, whatever the size of the archive."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotidien.demo.photos import photo_jpeg
from quotidien.news.images import NewsImage
from quotidien.news.models import ArticleRelatedLink, Author, HomePageTopStory

pytestmark = pytest.mark.django_db


def photo(name):
    image = NewsImage(title=name, caption=f"Légende {name}", credit="ALP / Sami Frem")
    image.file = ImageFile(BytesIO(photo_jpeg(name)), name=f"{name}.jpg")
    image.save()
    return image


def grow_newsroom(sections, make_article, *, articles: int, tags: int, authors):
    """Add articles, each with photos, several tags, authors and related picks."""
    created = []
    for number in range(articles):
        section = sections[number % len(sections)]
        article = make_article(
            section,
            lead_image=photo(f"p{section.pk}-{number}-{tags}"),
            tags=[f"Sujet {n}" for n in range(tags)],
            age=timedelta(hours=number + 1),
            body=[
                ("paragraph", "<p>Texte.</p>"),
                ("photo", {"image": photo(f"b{number}-{tags}"), "caption": ""}),
                *[("read_also", {"article": previous}) for previous in created[-tags:]],
            ],
        )
        article.authors.set(authors)
        for order, previous in enumerate(created[-tags:]):
            article.related_links.add(ArticleRelatedLink(article=previous, sort_order=order))
        article.save_revision().publish()
        created.append(article)
    return created


def count_queries(client, url) -> int:
    client.get(url)  # renditions are created on first view
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_main_pages_query_count_does_not_grow_with_the_archive(
    client, home, make_section, make_article
):
    world = make_section("Monde")
    sections = [make_section("Liban"), world, make_section("Syrie", parent=world)]
    authors = [Author.objects.create(name=f"Auteur {n}", slug=f"auteur-{n}") for n in range(3)]
    small = grow_newsroom(sections, make_article, articles=4, tags=1, authors=authors[:1])
    home.top_stories.add(HomePageTopStory(article=small[0]))
    home.save_revision().publish()
    article = small[-1]
    pages = {"home": "/", "section": world.url, "article": article.url}
    before = {name: count_queries(client, url) for name, url in pages.items()}

    large = grow_newsroom(sections, make_article, articles=16, tags=3, authors=authors)
    for story in large[:3]:
        home.top_stories.add(HomePageTopStory(article=story))
    home.save_revision().publish()
    pages["article"] = large[-1].url
    after = {name: count_queries(client, url) for name, url in pages.items()}

    assert after == before
