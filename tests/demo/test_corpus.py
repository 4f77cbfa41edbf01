"""The benchmark corpus: generated articles written in bulk are ordinary Wagtail pages."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from quotidien.demo.corpus import generate_corpus
from quotidien.news.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db

NO_PROBLEMS = ([], [], [], [], [])


def content(articles) -> list[tuple]:
    """What a generated article says and where it goes, to compare two generations."""
    return [
        (
            article.get_parent().slug,
            article.title,
            article.kicker,
            article.standfirst,
            list(article.body.raw_data),
            sorted(tag.name for tag in article.tags.all()),
            sorted(author.pk for author in article.authors.all()),
            article.agency_id,
        )
        for article in articles
    ]


def test_generated_articles_are_valid_live_pages_in_the_tree():
    now = timezone.now()

    created = generate_corpus(articles=300, seed=1, batch_size=120)

    articles = list(ArticlePage.objects.live().order_by("pk"))
    assert created == len(articles) == ArticlePage.objects.count() == 300
    assert Page.find_problems() == NO_PROBLEMS
    sections = SectionPage.objects.live()
    assert sections.count() >= 3
    assert sum(ArticlePage.objects.live().child_of(section).count() for section in sections) == 300
    for article in articles:
        parent = article.get_parent()
        assert parent.specific_class is SectionPage
        assert article.url_path == f"{parent.url_path}{article.slug}/"
        assert article.live and not article.has_unpublished_changes
        assert article.first_published_at <= article.last_published_at <= now
        assert 1 <= article.tags.count() <= 4
        assert [block.block_type for block in article.body].count("paragraph") >= 2
        assert article.authors.exists() or article.agency_id
    for article in articles[:25]:
        article.full_clean()  # Wagtail's own checks: sibling slugs, body blocks, fields.
    first_dates = [article.first_published_at for article in articles]
    assert now - min(first_dates) > timezone.timedelta(days=3 * 365)
    assert {"subheading", "paragraph"} <= {
        block.block_type for article in articles for block in article.body
    }


def test_articles_are_added_after_the_existing_pages_of_existing_sections(
    make_section, make_article
):
    world = make_section("Monde")
    syria = make_section("Syrie", parent=world)
    existing = make_article(world, "Un article écrit à la main")

    generate_corpus(articles=60, seed=2)

    assert SectionPage.objects.count() == 2
    assert ArticlePage.objects.live().descendant_of(world).count() == 61
    assert ArticlePage.objects.child_of(syria).exists()
    assert Page.find_problems() == NO_PROBLEMS
    assert world.get_children().order_by("path").first().pk == syria.pk
    assert world.get_children().order_by("path")[1].pk == existing.pk


def test_generated_article_is_served(client):
    generate_corpus(articles=20, seed=3)
    article = ArticlePage.objects.live().order_by("pk").first()
    tag = article.tags.first()

    response = client.get(article.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert escape(article.title) in html
    assert escape(article.standfirst) in html
    section = client.get(article.get_parent().url)
    assert section.status_code == 200
    assert article in section.context["articles"]
    assert escape(article.title) in client.get(f"/sujet/{tag.slug}/").content.decode()


def test_generated_article_opens_in_the_admin_editor(admin_client):
    generate_corpus(articles=5, seed=4)
    article = ArticlePage.objects.order_by("pk").first()

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))

    assert response.status_code == 200
    assert escape(article.title) in response.content.decode()


def test_generation_is_repeatable_and_appends():
    generate_corpus(articles=150, seed=5, batch_size=100)
    first = content(ArticlePage.objects.order_by("pk"))

    generate_corpus(articles=150, seed=5, batch_size=70)

    articles = list(ArticlePage.objects.order_by("pk"))
    assert len(articles) == 300
    assert content(articles[150:]) == first
    assert len({(article.path[: -Page.steplen], article.slug) for article in articles}) == 300
    assert Page.find_problems() == NO_PROBLEMS
    generate_corpus(articles=10, seed=6)
    assert content(ArticlePage.objects.order_by("-pk")[:10][::-1]) != first[:10]


def test_generated_articles_are_not_indexed_for_search():
    generate_corpus(articles=10, seed=7)

    ids = [str(pk) for pk in ArticlePage.objects.values_list("pk", flat=True)]
    assert not IndexEntry.objects.filter(object_id__in=ids).exists()


def test_command_reports_progress_count_and_time():
    out = StringIO()

    call_command("generate_corpus", "--articles", "12", "--batch-size", "5", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[:3] == ["… 5 / 12 articles", "… 10 / 12 articles", "… 12 / 12 articles"]
    assert lines[-1].startswith("12 articles générés en ")
    assert lines[-1].endswith(" s.")
    assert ArticlePage.objects.count() == 12


@pytest.mark.parametrize("value", ["-5", "0", "beaucoup"])
def test_command_rejects_a_bad_count_in_french(value):
    with pytest.raises(CommandError, match="il faut un nombre entier d’au moins 1"):
        call_command("generate_corpus", "--articles", value)

    assert not ArticlePage.objects.exists()


def test_negative_count_is_refused():
    with pytest.raises(ValueError, match="ne peut pas être négatif"):
        generate_corpus(articles=-1)
