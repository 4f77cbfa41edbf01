"""The demo newsroom that `make run` loads."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from quotidien.demo.loader import DEMO_ACCOUNTS, DEMO_READER, load_demo, read_content
from quotidien.news.models import ArticlePage, HomePage, SectionPage
from quotidien.news.newsroom import EDITORS, JOURNALISTS, MODERATORS

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for this module, and rolled back after it."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


def test_demo_has_forty_articles_in_the_six_sections(demo):
    sections = {s.slug: s for s in SectionPage.objects.live()}
    syria = sections["syrie"]

    assert ArticlePage.objects.live().count() >= 40
    assert {"liban", "monde", "syrie", "economie", "culture", "sport", "opinion"} <= set(sections)
    assert syria.get_parent().slug == "monde"
    for section in sections.values():
        assert ArticlePage.objects.live().descendant_of(section).exists(), section.title


def test_every_demo_article_has_photo_standfirst_body_and_byline(demo):
    for article in ArticlePage.objects.live().select_related("lead_image", "agency"):
        assert article.standfirst, article.slug
        assert article.lead_image and article.lead_image.caption, article.slug
        assert "/" in article.lead_image.credit, article.slug
        assert article.authors.exists() or article.agency, article.slug
        assert any(block.block_type == "paragraph" for block in article.body), article.slug


def test_demo_articles_link_each_other_inline_and_at_the_end(demo):
    articles = list(ArticlePage.objects.live())
    inline = [a for a in articles if any(b.block_type == "read_also" for b in a.body)]
    picked = [a for a in articles if a.related_links.exists()]

    assert len(inline) >= 10
    assert len(picked) >= 10
    assert HomePage.objects.get().top_stories.count() >= 3


def test_demo_accounts_belong_to_their_groups(demo):
    User = get_user_model()
    groups = {
        username: set(User.objects.get(username=username).groups.values_list("name", flat=True))
        for username, *_ in DEMO_ACCOUNTS
    }

    assert groups["journaliste"] == {JOURNALISTS}
    assert groups["editeur"] == {EDITORS}
    assert groups["moderateur"] == {MODERATORS}
    assert User.objects.get(username="admin").is_superuser
    assert [(u, p) for u, p, _ in demo.accounts] == [
        *[(u, p) for u, p, *_ in DEMO_ACCOUNTS],
        DEMO_READER[:2],
    ]


def test_loading_the_demo_again_creates_nothing(demo):
    pages = ArticlePage.objects.count()

    again = load_demo()

    assert again.created == []
    assert ArticlePage.objects.count() == pages


def test_demo_content_files_are_consistent():
    newsroom, articles = read_content()
    slugs = [item["slug"] for item in articles]
    sections = {item["slug"] for item in newsroom["sections"]}

    assert len(slugs) == len(set(slugs))
    for item in articles:
        assert item["section"] in sections, item["slug"]
        assert set(item.get("related", [])) <= set(slugs), item["slug"]


def test_demo_shows_comments_at_work(demo):
    from quotidien.comments.models import Comment, Report

    statuses = set(Comment.objects.values_list("status", flat=True))
    commented = Comment.objects.filter(status="published").values("article").distinct().count()

    assert demo.comments >= 60
    assert statuses == {"published", "pending", "rejected"}
    assert commented >= 25
    assert Report.objects.exists()
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert not Comment.objects.filter(status="pending", held_reason="").exists()
