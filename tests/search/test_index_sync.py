"""Only live articles are found, and what editors do shows in search at once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from quotidien.news.models import ArticlePage
from quotidien.search.indexing import index_unindexed, rebuild_index
from quotidien.search.models import SearchEntry
from quotidien.search.service import search_articles

pytestmark = pytest.mark.django_db


def found(query: str, **filters) -> list[str]:
    return [article.title for article in search_articles(query=query, **filters).articles]


@pytest.fixture
def section(make_section):
    return make_section("Liban")


def test_unpublished_article_disappears_at_once(section, make_article):
    article = make_article(section, "Grève des enseignants")

    article.unpublish()

    assert found("grève") == []
    assert not SearchEntry.objects.filter(article=article).exists()


def test_published_edit_is_found_by_its_new_words_only(section, make_article):
    article = make_article(section, "Grève des enseignants")

    article.title = "Manifestation des retraités"
    article.save_revision().publish()

    assert found("retraités") == ["Manifestation des retraités"]
    assert found("grève") == []


def test_draft_edit_changes_nothing_until_published(section, make_article):
    article = make_article(section, "Grève des enseignants")

    article.title = "Manifestation des retraités"
    article.save_revision()

    assert found("grève") == ["Grève des enseignants"]
    assert found("retraités") == []


def test_deleted_article_is_gone_from_the_index(section, make_article):
    article = make_article(section, "Grève des enseignants")

    ArticlePage.objects.get(pk=article.pk).delete()

    assert found("grève") == []
    assert not SearchEntry.objects.exists()


def test_deleting_a_section_removes_its_articles(section, make_article):
    make_article(section, "Grève des enseignants")

    section.delete()

    assert found("grève") == []


def test_draft_is_never_found(section, make_article):
    make_article(section, "Grève des enseignants", live=False)

    assert found("grève") == []


def test_scheduled_article_appears_only_when_it_goes_live(section, make_article):
    article = make_article(section, "Grève des enseignants", live=False)
    article.go_live_at = timezone.now() + timedelta(hours=2)
    article.save_revision().publish()

    assert found("grève") == []

    # Time passes: the scheduled revision falls due.
    revision = ArticlePage.objects.get(pk=article.pk).latest_revision
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")

    assert found("grève") == ["Grève des enseignants"]


def test_moved_section_takes_its_articles_along_for_the_section_filter(make_section, make_article):
    world = make_section("Monde")
    lebanon = make_section("Liban")
    south = make_section("Sud", parent=lebanon)
    make_article(south, "Récolte des agrumes")

    south.move(world, pos="last-child")

    world.refresh_from_db()
    lebanon.refresh_from_db()
    assert found("agrumes", section=world) == ["Récolte des agrumes"]
    assert found("agrumes", section=lebanon) == []


def test_rebuild_indexes_every_live_article_and_nothing_else(section, make_article):
    make_article(section, "Grève des enseignants")
    make_article(section, "Grève des médecins", live=False)
    SearchEntry.objects.all().delete()

    assert found("grève") == []
    assert rebuild_index() == 1
    assert found("grève") == ["Grève des enseignants"]


def test_articles_written_in_bulk_are_indexed_by_the_command(section, make_article):
    make_article(section, "Grève des enseignants")
    make_article(section, "Grève des médecins")
    SearchEntry.objects.filter(article__title__contains="médecins").delete()

    output = StringIO()
    call_command("rebuild_search_index", "--missing", stdout=output)

    assert "1 articles indexés" in output.getvalue()
    assert sorted(found("grève")) == ["Grève des enseignants", "Grève des médecins"]
    assert index_unindexed() == 0


def test_articles_published_the_same_second_are_all_indexed(section, make_article):
    articles = [make_article(section, f"Grève numéro {n}") for n in range(3)]
    same = timezone.now().replace(microsecond=0) - timedelta(days=1)
    ArticlePage.objects.filter(pk__in=[a.pk for a in articles]).update(first_published_at=same)

    rebuild_index()

    assert len(found("grève")) == 3
