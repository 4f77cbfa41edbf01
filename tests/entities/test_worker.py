"""Extraction runs in the background worker, never in the request that publishes."""

import pytest
from django_tasks import TaskResultStatus

from quotidien.entities.models import ArticleEntity
from tests.test_worker import database_queue, run_worker, statuses  # noqa: F401

pytestmark = pytest.mark.django_db

EXTRACTION = "quotidien.entities.tasks.extract_entities"


def test_a_published_article_gets_its_entities_from_the_worker(
    database_queue,  # noqa: F811
    entities,
    make_section,
    make_article,
    django_capture_on_commit_callbacks,
):
    lebanon = make_section("Liban")
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(
            lebanon,
            "Des pluies record sur la plaine",
            standfirst="Les agriculteurs comptent leurs pertes.",
            body=[("paragraph", "<p>Nabih Berry a reçu les agriculteurs à Beyrouth.</p>")],
        )

    # Enqueued once the publication is committed, and not run by the request.
    assert statuses(of=EXTRACTION) == [TaskResultStatus.READY]
    assert not ArticleEntity.objects.filter(article=article).exists()

    run_worker()

    assert statuses(of=EXTRACTION) == [TaskResultStatus.SUCCESSFUL]
    names = set(
        ArticleEntity.objects.filter(article=article).values_list("entity__name", flat=True)
    )
    assert names == {"Nabih Berry", "Beyrouth"}


def test_the_archive_is_enqueued_in_batches(database_queue, entities, archive):  # noqa: F811
    from django.core.management import call_command

    ArticleEntity.objects.filter(article=archive.articles["enquete-port"]).delete()

    call_command("extract_entities", "--missing", verbosity=0)
    call_command("extract_entities", "--all", "--batch-size", "2", verbosity=0)

    batches = "quotidien.entities.tasks.extract_entities_of"
    assert statuses(of=batches) == [TaskResultStatus.READY] * 4
    run_worker()
    assert statuses(of=batches) == [TaskResultStatus.SUCCESSFUL] * 4
    assert ArticleEntity.objects.filter(article=archive.articles["enquete-port"]).exists()
