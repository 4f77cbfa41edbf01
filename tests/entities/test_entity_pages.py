"""Entities as readers meet them: their pages and feeds, « Dans cet article » on an
article, the card above search results; and the editors' merges and hidings."""

import subprocess
import sys
from unittest import mock

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from quotidien.entities import extraction, services
from quotidien.entities.extraction import Mention
from quotidien.entities.models import Alias, ArticleEntity, Entity
from quotidien.entities.queries import entity_for_query
from quotidien.links import request_path
from quotidien.news.models import ArticlePage
from quotidien.pagecache import versions
from quotidien.search.names import name_key
from tests.entities.switch import extracting

pytestmark = pytest.mark.django_db


def entity(name: str) -> Entity:
    return Entity.objects.get(name=name)


def test_an_entity_page_lists_the_articles_naming_it_under_any_of_its_spellings(client, archive):
    assad = entity("Bachar el-Assad")
    assert set(assad.aliases.values_list("spelling", flat=True)) == {
        "Bachar el-Assad",
        "Bashar al-Assad",
        "Bachar Assad",
    }

    response = client.get("/sujets/bachar-el-assad/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Bachar el-Assad</h1>" in html
    assert "Personne" in html
    assert "3 articles" in html
    # Newest first.
    urls = [archive.articles[slug].url for slug in SYRIA_NEWEST_FIRST]
    assert [html.index(url) for url in urls] == sorted(html.index(url) for url in urls)
    assert archive.articles["rassemblement-beyrouth"].url not in html
    # The entities named beside him, the most shared first.
    related = html[html.index("Sujets liés") :]
    assert related.index(">Alep<") < related.index(">Damas<")


SYRIA_NEWEST_FIRST = ["reconstruction-alep", "conseil-des-ministres", "delegation-a-damas"]


def test_a_persons_short_mention_counts_for_the_full_name_it_ends(archive):
    # « Bachar el-Assad » then « Assad » in the same article: one person, named twice.
    delegation = archive.articles["delegation-a-damas"]
    assert not Entity.objects.filter(name="Assad").exists()
    link = ArticleEntity.objects.get(article=delegation, entity=entity("Bachar el-Assad"))
    assert link.mentions == 2


def test_an_article_says_whom_and_where_it_names_the_most_mentioned_first(client, archive):
    html = client.get(archive.articles["delegation-a-damas"].url).content.decode()

    line = html[html.index("Dans cet article :") :]
    line = line[: line.index("</p>")]
    assert '<a href="/sujets/bachar-el-assad/">Bachar el-Assad</a>' in line
    assert '<a href="/sujets/damas/">Damas</a>' in line
    assert line.index("Bachar el-Assad") < line.index("Amman")
    assert line.count("<a ") == 6  # at most six


def test_a_subscriber_articles_entities_come_from_its_whole_text(client, archive):
    # The name is past the teaser: the search index holds it scrambled, not the article.
    locked = archive.articles["enquete-port"]
    assert entity("Walid Haddad").article_links.filter(article=locked).exists()

    feed = feedparser.parse(client.get("/sujets/walid-haddad/rss/").content)

    [item] = feed.entries
    assert item.title == "Enquête sur les conteneurs du port"
    assert "Haddad" not in item.summary  # the standfirst only, never the body


def test_an_entitys_feed_lists_its_latest_articles(client, archive):
    response = client.get("/sujets/bachar-el-assad/rss/")

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.feed.title == "Bachar el-Assad | Quotidien"
    assert feed.feed.link.endswith("/sujets/bachar-el-assad/")
    assert [item.title for item in feed.entries] == [
        "La reconstruction d’Alep promise à la télévision",
        "Un conseil des ministres consacré aux prix du pain",
        "Une délégation jordanienne reçue à Damas",
    ]


def test_merging_two_entities_merges_their_pages(client, archive, editor):
    observatory = entity("Observatoire syrien des droits de l’homme")
    osdh = entity("OSDH")
    assert client.get("/sujets/osdh/").content.decode().count("/syrie/") >= 1

    services.merge_entities(source=osdh, target=observatory, by=editor)

    page = client.get(observatory.get_absolute_url())
    html = page.content.decode()
    assert "2 articles" in html
    for slug in ("delegation-a-damas", "conseil-des-ministres"):
        assert archive.articles[slug].url in html
    # The merged entity's address leads to the other, for good; its spelling finds it.
    old = client.get("/sujets/osdh/")
    assert old.status_code == 301
    assert old["Location"] == observatory.get_absolute_url()
    assert client.get("/sujets/osdh/rss/").status_code == 301
    assert entity_for_query("OSDH") == observatory
    assert ModelLogEntry.objects.filter(action=services.MERGED, object_id=str(osdh.pk)).exists()


def test_a_merge_the_editor_cannot_make_is_refused_in_french(archive):
    alep = entity("Alep")
    with pytest.raises(ValidationError, match="lui-même"):
        services.merge_entities(source=alep, target=alep)


def test_a_merge_made_meanwhile_by_another_editor_is_not_made_again(archive):
    # Two editors opened the same entities; the first merges OSDH into the Observatory.
    osdh, observatory, alep = (
        entity("OSDH"),
        entity("Observatoire syrien des droits de l’homme"),
        entity("Alep"),
    )
    stale_osdh, stale_observatory = entity("OSDH"), entity(observatory.name)
    services.merge_entities(source=osdh, target=observatory)

    with pytest.raises(ValidationError, match="« OSDH » a déjà été fusionné."):
        services.merge_entities(source=stale_osdh, target=alep)
    with pytest.raises(ValidationError, match="choisissez celui-là"):
        services.merge_entities(source=alep, target=stale_osdh)
    # The second merges the Observatory into OSDH: that would make a cycle.
    with pytest.raises(ValidationError, match="déjà été fusionné dans un autre sujet"):
        services.merge_entities(source=stale_observatory, target=stale_osdh)
    observatory.refresh_from_db()
    assert observatory.merged_into is None and entity("Alep").merged_into is None


def test_a_merge_adds_the_mentions_of_shared_articles_in_as_many_queries_whatever_their_number(
    archive,
):
    delegation = archive.articles["delegation-a-damas"]
    names = ("Damas", "Nassib", "Amman", "Bachar el-Assad")
    mentions = sum(
        ArticleEntity.objects.get(article=delegation, entity=entity(name)).mentions
        for name in names
    )
    damas = entity("Damas")
    services.merge_entities(source=entity("Nassib"), target=damas)
    with CaptureQueriesContext(connection) as one_link:
        services.merge_entities(source=entity("Amman"), target=damas)
    with CaptureQueriesContext(connection) as three_links:
        services.merge_entities(source=entity("Bachar el-Assad"), target=damas)

    assert len(three_links) == len(one_link)
    assert ArticleEntity.objects.get(article=delegation, entity=damas).mentions == mentions
    assert set(damas.article_links.values_list("article", flat=True)) == {
        archive.articles[slug].pk for slug in SYRIA_NEWEST_FIRST
    }
    assert not ArticleEntity.objects.filter(entity__merged_into=damas).exists()


def test_a_hidden_entity_shows_nowhere(client, archive, editor):
    alep = entity("Alep")
    services.change_entity(entity=alep, name=alep.name, kind=alep.kind, hidden=True, by=editor)

    assert client.get("/sujets/alep/").status_code == 404
    assert client.get("/sujets/alep/rss/").status_code == 404
    article = client.get(archive.articles["reconstruction-alep"].url).content.decode()
    assert "/sujets/alep/" not in article
    assert "/sujets/bachar-el-assad/" in article
    assert "/sujets/alep/" not in client.get("/sujets/bachar-el-assad/").content.decode()
    assert entity_for_query("Alep") is None
    assert ModelLogEntry.objects.filter(action=services.HIDDEN, object_id=str(alep.pk)).exists()


def test_an_unknown_entity_is_a_404_in_french(client, archive):
    response = client.get("/sujets/personne-inconnue/")
    assert response.status_code == 404
    assert client.get("/sujets/bachar-el-assad/?page=9").status_code == 404


def test_search_shows_the_entity_a_query_names_above_the_results(client, archive):
    html = client.get("/recherche/", {"q": "Bashar al-Assad"}).content.decode()

    card = html[html.index('class="search-entity"') :]
    assert "Bachar el-Assad" in card
    assert "3 articles" in card
    assert "Tous les articles sur Bachar el-Assad" in card
    assert html.index('class="search-entity"') < html.index('class="search-results"')
    # A family name alone is a close match; a later page of results shows no card.
    assert entity_for_query("Assad") == entity("Bachar el-Assad")
    later = client.get("/recherche/", {"q": "Bashar al-Assad", "page": "2"})
    assert 'class="search-entity"' not in later.content.decode()
    assert entity_for_query("pain") is None


@pytest.mark.parametrize("query", ["-Assad", "Assad -Damas", "le", "Assad " + "x" * 200])
def test_no_entity_card_beside_a_query_that_excludes_it_or_fails(client, archive, query):
    response = client.get("/recherche/", {"q": query})

    assert response.status_code in (200, 400)
    assert 'class="search-entity"' not in response.content.decode()


def test_the_entity_card_leaves_the_querys_small_words_out(client, archive):
    html = client.get("/recherche/", {"q": "le Hezbollah"}).content.decode()

    card = html[html.index('class="search-entity"') :]
    assert "Tous les articles sur Hezbollah" in card
    # A name holding one keeps it.
    assert entity_for_query("Observatoire syrien des droits de l’homme") == entity(
        "Observatoire syrien des droits de l’homme"
    )


def test_a_spelling_too_long_for_the_tables_is_left_out_or_cut(archive):
    long = "Abou " + "Abdallah" * 30
    assert not extraction.kept(long)

    services.record_mentions(
        article=archive.articles["rassemblement-beyrouth"], mentions=[Mention(long, "personne")]
    )

    [alias] = Entity.objects.get(name__startswith="Abou Abdallah").aliases.all()
    assert alias.spelling == long[:200] and len(alias.key) <= 200


def test_an_unpublished_article_leaves_its_entities_pages(client, archive):
    archive.articles["reconstruction-alep"].unpublish()

    html = client.get("/sujets/bachar-el-assad/").content.decode()
    assert "2 articles" in html
    assert archive.articles["reconstruction-alep"].url not in html


def test_an_edit_replaces_what_the_article_names(client, archive):
    article = ArticlePage.objects.get(pk=archive.articles["rassemblement-beyrouth"].pk)
    article.body = [("paragraph", "<p>Nabih Berry a reçu la presse à Tyr.</p>")]
    article.standfirst = "Une conférence de presse dans le sud."
    article.title = "Une conférence de presse à Tyr"
    with extracting(), TestCase.captureOnCommitCallbacks(execute=True):
        article.save_revision().publish()

    names = set(
        ArticleEntity.objects.filter(article=article).values_list("entity__name", flat=True)
    )
    assert names == {"Nabih Berry", "Tyr"}
    hezbollah = client.get("/sujets/hezbollah/")
    assert hezbollah.status_code == 200
    assert hezbollah.content.decode().count(article.url) == 0


def test_serving_pages_never_runs_nor_imports_spacy(client, archive):
    with mock.patch.object(extraction, "nlp", side_effect=AssertionError("spaCy ran")):
        for url in (
            archive.articles["delegation-a-damas"].url,
            "/sujets/bachar-el-assad/",
            "/sujets/bachar-el-assad/rss/",
            "/recherche/?q=Alep",
        ):
            assert client.get(url).status_code == 200
    # The web worker's imports (settings, URLs, views, templates, back office hooks).
    program = (
        "import sys, django;"
        "django.setup();"
        "from django.urls import get_resolver; get_resolver().url_patterns;"
        "from django.template.loader import get_template;"
        "[get_template(name) for name in ('news/article_page.html', 'entities/entity.html',"
        " 'search/search.html')];"
        "from wagtail import hooks; hooks.get_hooks('register_admin_viewset');"
        "import quotidien.wsgi, quotidien.entities.tasks;"
        "sys.exit('spacy' in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", program], check=True)


def test_new_entities_of_an_article_outdate_the_pages_that_show_them(archive):
    article = archive.articles["rassemblement-beyrouth"]
    keys = [f"path:{request_path(article)}", "path:/sujets/", "path:/recherche/"]
    before = versions.current(keys)

    services.record_mentions(article=article, mentions=[Mention("Tyr", "lieu")])
    changed = versions.current(keys)
    # The same entities found again change nothing.
    services.record_mentions(article=article, mentions=[Mention("Tyr", "lieu")])

    assert all(changed[key] != before[key] for key in keys)
    assert versions.current(keys) == changed


def test_only_a_person_is_found_by_the_last_word_of_their_name(archive):
    """« Assad » is a search for Bachar el-Assad; « port » is none for the Sporting du Port."""
    club = Entity.objects.create(
        name="Sporting du Port", slug="sporting-du-port", kind=Entity.Kind.ORGANISATION
    )
    Alias.objects.create(entity=club, spelling=club.name, key=name_key(club.name))
    ArticleEntity.objects.create(article=next(iter(archive.articles.values())), entity=club)

    cairo = Entity.objects.create(name="Le Caire", slug="le-caire", kind=Entity.Kind.PLACE)
    Alias.objects.create(entity=cairo, spelling=cairo.name, key=name_key(cairo.name))
    ArticleEntity.objects.create(article=next(iter(archive.articles.values())), entity=cairo)

    assert entity_for_query("Sporting du Port") == club
    assert entity_for_query("port") is None
    assert entity_for_query("Assad") == entity("Bachar el-Assad")
    # A place named with its article is found without it.
    assert entity_for_query("Caire") == cairo
