"""Extraction runs in the background worker, never in the request that publishes."""

import logging
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus

from quotidien.entities import extraction, services, signal_handlers
from quotidien.entities.extraction import Mention
from quotidien.entities.models import ArticleEntity, Entity, Extraction
from tests.entities.switch import extracting
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
    never = archive.articles["enquete-port"]
    ArticleEntity.objects.filter(article=never).delete()
    Extraction.objects.filter(article=never).delete()
    # An article looked at that names no one is not asked for again and again.
    services.record_mentions(article=archive.articles["rassemblement-beyrouth"], mentions=[])

    call_command("extract_entities", "--missing", "--batch-size", "1", verbosity=0)
    call_command("extract_entities", "--all", "--batch-size", "2", verbosity=0)

    batches = "quotidien.entities.tasks.extract_entities_of"
    assert statuses(of=batches) == [TaskResultStatus.READY] * 4
    run_worker()
    assert statuses(of=batches) == [TaskResultStatus.SUCCESSFUL] * 4
    assert ArticleEntity.objects.filter(article=never).exists()
    assert Extraction.objects.filter(article=never).exists()


def test_without_a_worker_publishing_runs_no_model(
    make_section, make_article, django_capture_on_commit_callbacks, caplog
):
    # The test settings run tasks at once, as TASKS_BACKEND=…ImmediateBackend does.
    signal_handlers._warn_not_extracting.cache_clear()
    south = make_section("Sud")
    with (
        extracting(),
        override_settings(QUOTIDIEN_ENTITIES_IMMEDIATE=False),
        mock.patch.object(extraction, "nlp", side_effect=AssertionError("spaCy ran")),
        caplog.at_level(logging.WARNING, logger=signal_handlers.__name__),
        django_capture_on_commit_callbacks(execute=True),
    ):
        articles = [
            make_article(south, title, body=[("paragraph", "<p>Nabih Berry à Tyr.</p>")])
            for title in ("Une visite à Tyr", "Retour à Tyr")
        ]

    assert not ArticleEntity.objects.filter(article__in=articles).exists()
    [warning] = [record for record in caplog.records if "extract_entities" in record.message]
    assert warning.levelno == logging.WARNING


def test_an_article_deleted_while_read_leaves_the_rest_of_its_batch(archive, caplog):
    gone, failing, kept = (
        archive.articles[slug]
        for slug in ("delegation-a-damas", "conseil-des-ministres", "reconstruction-alep")
    )

    def read(articles):
        gone.delete()  # by an editor, while the model reads
        return [[Mention("Kfarchima", "lieu")] for _article in articles]

    record = services.record_mentions

    def record_or_fail(*, article, mentions):
        if article.pk == failing.pk:
            raise ValueError("broken")
        return record(article=article, mentions=mentions)

    with (
        mock.patch.object(extraction, "mentions_of", read),
        mock.patch.object(services, "record_mentions", record_or_fail),
        caplog.at_level(logging.ERROR, logger=services.__name__),
    ):
        changed = services.extract_for_articles(ids=[gone.pk, failing.pk, kept.pk])

    assert changed == 1
    kfarchima = Entity.objects.get(name="Kfarchima")
    assert list(kfarchima.article_links.values_list("article", flat=True)) == [kept.pk]
    assert [r.message for r in caplog.records if r.name == services.__name__] == [
        f"The entities of article {failing.pk} could not be recorded."
    ]


def test_two_workers_finding_a_new_name_make_one_entity(archive):
    # Another worker made the entity for the key and committed after this one looked for
    # its spellings: this one finds it by its key.
    [made] = services.group_mentions([Mention("Kfarchima", "lieu")])
    first = services.entity_of_key(made)
    [found] = services.group_mentions([Mention("Kfarshima", "lieu")])

    assert services.entity_of_key(found) == first
    services.record_mentions(
        article=archive.articles["rassemblement-beyrouth"], mentions=[Mention("Kfarchima", "lieu")]
    )
    assert Entity.objects.filter(name__startswith="Kfar").count() == 1
    assert first.article_links.count() == 1
