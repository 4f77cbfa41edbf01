"""The benchmark corpus: generated articles written in bulk are ordinary Wagtail pages."""

from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from quotidien.comments.models import Comment
from quotidien.demo.corpus import generate_comments, generate_corpus
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


# -- Comments ------------------------------------------------------------------------------------

OPEN_FOR = timezone.timedelta(days=settings.QUOTIDIEN_COMMENTS_OPEN_DAYS)


def comment_content() -> list[tuple]:
    return list(
        Comment.objects.order_by("pk").values_list(
            "article_id", "author__username", "body", "status", "parent__body", "created_at"
        )
    )


def test_generated_comments_are_written_while_their_article_takes_comments():
    generate_corpus(articles=80, comments=600, seed=11)
    now = timezone.now()

    comments = list(Comment.objects.select_related("article", "parent"))
    assert len(comments) == 600
    statuses = [comment.status for comment in comments]
    assert statuses.count(Comment.Status.PUBLISHED) > 500
    assert Comment.Status.PENDING in statuses and Comment.Status.REJECTED in statuses
    for comment in comments:
        opened = comment.article.first_published_at
        assert opened <= comment.created_at <= min(opened + OPEN_FOR, now)
        if comment.is_published:
            assert comment.created_at <= comment.published_at <= now
            assert not comment.held_reason
        else:
            assert comment.published_at is None
            assert comment.held_reason
        comment.full_clean()


def test_about_one_comment_in_ten_answers_a_published_thread_of_the_same_article():
    generate_corpus(articles=40, comments=1000, seed=12)

    replies = list(Comment.objects.filter(parent__isnull=False).select_related("parent"))
    assert 60 <= len(replies) <= 140
    for reply in replies:
        assert reply.parent.article_id == reply.article_id
        assert reply.parent.parent_id is None
        assert reply.parent.is_published and reply.is_published
        assert reply.created_at >= reply.parent.published_at


def test_held_comments_keep_the_screening_reason_and_refused_ones_the_moderators():
    generate_corpus(articles=30, comments=1500, seed=13)

    held = Comment.objects.filter(status=Comment.Status.PENDING)
    assert held.exists()
    for comment in held:
        assert [finding["reason"] for finding in comment.findings] == [comment.held_reason]
    refused = Comment.objects.filter(status=Comment.Status.REJECTED)
    assert refused.exists()
    assert all(comment.moderated_at and not comment.findings for comment in refused)


def test_recent_articles_draw_far_more_comments_than_old_ones(make_section, make_article):
    section = make_section("Liban")
    recent = [make_article(section, age=timezone.timedelta(days=1)) for _n in range(8)]
    old = [make_article(section, age=timezone.timedelta(days=900)) for _n in range(8)]

    generate_comments(comments=1200, seed=14, readers=40)

    on_recent = Comment.objects.filter(article__in=recent).count()
    on_old = Comment.objects.filter(article__in=old).count()
    assert on_recent + on_old == 1200
    assert on_recent > 10 * on_old


def test_readers_come_from_a_pool_created_once_without_usable_passwords(make_section, make_article):
    make_article(make_section("Monde"))
    staff = get_user_model().objects.create_user("redaction", password="mot-de-passe-long")

    generate_comments(comments=300, seed=15, readers=25)
    generate_comments(comments=300, seed=16, readers=25)

    readers = get_user_model().objects.exclude(pk=staff.pk)
    assert readers.count() == 25
    assert set(Comment.objects.values_list("author_id", flat=True)) <= set(
        readers.values_list("pk", flat=True)
    )
    for reader in readers:
        assert not reader.has_usable_password()
        assert reader.get_display_name() != reader.username


def test_comment_generation_is_repeatable(make_section, make_article):
    section = make_section("Culture")
    for days in (1, 3, 8):
        make_article(section, age=timezone.timedelta(days=days))
    now = timezone.now()
    generate_comments(comments=250, seed=17, readers=30, now=now)
    first = comment_content()

    Comment.objects.all().delete()
    generate_comments(comments=250, seed=17, readers=30, now=now)

    again = comment_content()
    assert [row[:5] for row in again] == [row[:5] for row in first]


def test_readers_can_comment_after_a_generated_corpus(make_section, make_article):
    article = make_article(make_section("Sport"))
    generate_comments(comments=120, seed=18, readers=10)
    highest = Comment.objects.order_by("-pk").first().pk

    comment = Comment.objects.create(
        article=article,
        author=get_user_model().objects.create_user("nouveau"),
        body="Un avis écrit après la génération.",
    )

    assert comment.pk > highest


def test_article_page_shows_the_generated_comments(client, make_section, make_article):
    article = make_article(make_section("Économie"))
    generate_comments(comments=50, seed=19, readers=10)
    published = Comment.objects.published().filter(article=article)

    page = client.get(article.url).content.decode()
    listing = client.get(article.url + "commentaires/").content.decode()

    assert f"commentaires ({published.count()})" in page
    newest = published.order_by("-published_at", "-pk").first()
    assert escape(newest.body) in page
    first_threads = published.filter(parent=None).order_by("-published_at", "-pk")[:30]
    reply = published.filter(parent__in=list(first_threads)).first()
    assert reply is not None
    assert escape(reply.body) in listing


def test_command_generates_comments_and_reports_them():
    out = StringIO()

    call_command("generate_corpus", "--articles", "10", "--comments", "45", stdout=out)

    lines = out.getvalue().splitlines()
    assert "… 45 / 45 commentaires" in lines
    assert lines[-1].startswith("45 commentaires générés en ")
    assert Comment.objects.count() == 45


@pytest.mark.parametrize("value", ["-1", "beaucoup"])
def test_command_rejects_a_bad_comment_count_in_french(value):
    with pytest.raises(CommandError, match="il faut un nombre entier de commentaires"):
        call_command("generate_corpus", "--articles", "5", "--comments", value)

    assert not ArticlePage.objects.exists()
