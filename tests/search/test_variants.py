"""The region's names are found however they are spelt: by the transliteration rules,
and by the variants the editors keep in the back office."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from quotidien.grants import EDITORS, JOURNALISTS
from quotidien.news.models import ArticlePage
from quotidien.search.models import NameVariants
from quotidien.search.service import search_articles
from tests.pages import add_article, add_section, module_pages, pages_again

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    return [article.title for article in search_articles(query=query).articles]


TITLES = [
    "Le Hezbollah tient un meeting à Dahiyé",
    "Bachar el-Assad reçoit une délégation",
    "Les quartiers d’Alep-Est sous les bombes",
    "Une exposition à Alep, dans l’Est du pays",
    "Le port de Saïda reprend vie",
    "Joumblatt réunit ses partisans",
]


def publish_articles(home) -> dict[str, ArticlePage]:
    section = add_section(home, "Région")
    return {
        # The body names again what the headline opens with, as articles do.
        title: add_article(
            section, title, body=[("paragraph", f"<p>Selon nos informations : {title}.</p>")]
        )
        for title in TITLES
    }


# Theirs in another section, under other names, the module's other tests find them too.
_module_articles = module_pages(publish_articles)


@pytest.fixture
def articles(home, _module_articles):
    if _module_articles is None:
        return publish_articles(home)
    return pages_again(_module_articles)


@pytest.mark.parametrize(
    "query, title",
    [
        ("bashar al-assad", "Bachar el-Assad reçoit une délégation"),
        ("assad", "Bachar el-Assad reçoit une délégation"),
        ("dahieh", "Le Hezbollah tient un meeting à Dahiyé"),
        ("dahiyeh", "Le Hezbollah tient un meeting à Dahiyé"),
        ("jumblat", "Joumblatt réunit ses partisans"),
    ],
)
def test_transliterations_find_the_name_as_the_paper_spells_it(articles, query, title):
    assert found(query) == [title]


@pytest.mark.parametrize("query", ['"bashar al-assad"', "« Bachar al Assad »"])
def test_a_quoted_name_of_several_words_is_found_however_it_is_spelt(articles, query):
    assert found(query) == ["Bachar el-Assad reçoit une délégation"]


def test_a_quoted_name_keeps_its_words_in_order(articles):
    assert found('"assad bashar"') == []


def test_a_hyphenated_compound_is_found_whole_stop_word_included(articles):
    assert found("Alep-Est") == ["Les quartiers d’Alep-Est sous les bombes"]
    assert found("« Alep-Est »") == ["Les quartiers d’Alep-Est sous les bombes"]
    assert len(found("alep")) == 2


@pytest.mark.parametrize(
    "query, title",
    [
        ("hizballah", "Le Hezbollah tient un meeting à Dahiyé"),
        ("Hizbollah dahieh", "Le Hezbollah tient un meeting à Dahiyé"),
        ("sidon port", "Le port de Saïda reprend vie"),
    ],
)
def test_the_seeded_variants_find_the_other_spellings(articles, query, title):
    assert found(query) == [title]


def test_an_editors_new_variant_counts_for_the_next_search(articles):
    assert found("Jounblat") == []

    NameVariants.objects.create(name="Joumblatt", spellings="Jounblat\nDjoumblatt")

    assert found("jounblat") == ["Joumblatt réunit ses partisans"]


def test_a_spelling_belongs_to_one_name_only(articles):
    duplicate = NameVariants(name="Parti de Dieu", spellings="Hizbollah")

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert "déjà une graphie de « Hezbollah »" in str(error.value)


def test_editors_keep_the_table_in_the_back_office(client, make_reader, home):
    editor = make_reader("Rita Chidiac", email="rita@quotidien.example")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)

    listing = client.get(reverse("variantes-des-noms:index"))
    added = client.post(
        reverse("variantes-des-noms:add"),
        {"name": "Frangié", "spellings": "Frangieh\nFranjieh"},
    )

    assert "Aleppo" in listing.text
    assert added.status_code == 302
    assert NameVariants.objects.get(name="Frangié").forms == ["Frangié", "Frangieh", "Franjieh"]


def test_journalists_do_not_change_the_table(client, make_reader, home):
    journalist = make_reader("Nadia Khoury", email="nadia@quotidien.example")
    journalist.groups.add(Group.objects.get(name=JOURNALISTS))
    client.force_login(journalist)

    response = client.get(reverse("variantes-des-noms:add"))

    assert response.status_code in (302, 403)
    assert not NameVariants.objects.filter(name="Frangié").exists()


def test_a_name_of_several_words_matches_its_spellings_word_by_word(
    home, make_section, make_article
):
    make_article(make_section("Liban"), "Nabih Berry reçoit les députés")

    assert found("nabih birri") == ["Nabih Berry reçoit les députés"]
    assert found("Nabih Berri") == ["Nabih Berry reçoit les députés"]


def test_the_worker_indexes_the_archive_again_after_an_upgrade(articles):
    from quotidien.search.backends import get_backend
    from quotidien.search.tasks import reindex_archive

    get_backend().clear()  # as if indexed without what search now stores
    assert found("bashar") == []

    result = reindex_archive.enqueue()

    assert result.return_value == len(articles)
    assert found("bashar") == ["Bachar el-Assad reçoit une délégation"]


def test_the_upgrade_queues_the_task_the_worker_indexes_the_archive_with(articles, settings):
    from importlib import import_module
    from types import SimpleNamespace

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.utils.module_loading import import_string
    from django_tasks_db.models import DBTaskResult

    upgrade = import_module("quotidien.search.migrations.0005_reindex_for_name_keys")
    # The queue a worker reads (the tests run tasks at once, without one).
    settings.TASKS = {"default": {**settings.TASKS["default"], "BACKEND": upgrade.DATABASE_BACKEND}}
    state = MigrationLoader(connection).project_state(
        ("search", upgrade.__name__.rpartition(".")[2])
    )

    upgrade.reindex(state.apps, SimpleNamespace(connection=connection))

    queued = DBTaskResult.objects.ready().get()
    assert import_string(queued.task_path).call() == len(articles)  # as the worker runs it


def test_ordinary_words_do_not_meet_capitalised_words_by_their_keys(
    home, make_section, make_article
):
    make_article(make_section("Liban"), "Guerre des prix chez les grossistes")

    assert found("guère") == []


def test_an_elided_name_is_still_looked_for_by_its_key(home, make_section, make_article):
    make_article(make_section("Monde"), "Élections en Irak")

    assert found("l’Iraq") == ["Élections en Irak"]


def test_two_spellings_of_one_name_are_one_group(home):
    from quotidien.search.query import parse_query

    assert len(parse_query("Hezbollah Hizballah Hizbollah").required) == 1


def test_a_name_takes_a_limited_number_of_spellings(home):
    crowded = NameVariants(name="Mohammad", spellings="\n".join(f"Mohamad{i}" for i in range(12)))

    with pytest.raises(ValidationError, match="graphies au plus"):
        crowded.full_clean()
