"""Live pages are found by search as articles are: by their title, standfirst, summary and
the text of their entries, kept current as entries are posted, with their label."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quotidien.demo.live import load_demo_live
from quotidien.live.models import LiveEntry, LivePage
from quotidien.search import results, signals
from quotidien.search.service import search_articles

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_live_page(make_section):
    section = make_section("Liban")

    def make(title: str, **fields) -> LivePage:
        fields.setdefault("standfirst", "Les secours sont sur place.")
        page = LivePage(title=title, slug=f"direct-{LivePage.objects.count()}", **fields)
        section.add_child(instance=page)
        page.save_revision().publish()
        return LivePage.objects.get(pk=page.pk)

    return make


def post_entry(page: LivePage, text: str, **fields) -> LiveEntry:
    entry = LiveEntry(page=page, body=[("paragraph", f"<p>{text}</p>")], **fields)
    entry.full_clean()
    entry.save()
    return entry


def results_page(client, query: str):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_live_page_is_found_by_its_title_with_its_label(client, make_live_page, make_article):
    page = make_live_page("Glissement de terrain à Bhamdoun")
    make_article(page.get_parent().specific, "Le mandat de Camille Chamoun")

    shown = results_page(client, "Bhamdoun")

    assert "1 résultat pour" in shown
    assert f'href="{page.url}"' in shown
    assert "En direct" in shown
    # Not a nearby word of the archive's instead.
    assert "search-suggestion" not in shown and "Chamoun" not in shown


def test_live_page_is_found_by_its_standfirst_and_summary(client, make_live_page):
    make_live_page(
        "Intempéries sur le Mont-Liban",
        standfirst="La route de Sofar est coupée.",
        summary="<ul><li>Deux villages privés d’électricité à Aley.</li></ul>",
    )

    assert "Intempéries sur le Mont-Liban" in results_page(client, "Sofar")
    assert "Intempéries sur le Mont-Liban" in results_page(client, "Aley")


def test_entries_posted_and_deleted_change_what_finds_the_page(
    client, make_live_page, django_capture_on_commit_callbacks
):
    page = make_live_page("Intempéries sur le Mont-Liban")
    with django_capture_on_commit_callbacks(execute=True):
        entry = post_entry(page, "Un éboulement bloque la route de Chtaura.", title="Éboulement")

    assert "Intempéries sur le Mont-Liban" in results_page(client, "Chtaura")

    with django_capture_on_commit_callbacks(execute=True):
        entry.delete()

    assert "Intempéries sur le Mont-Liban" not in results_page(client, "Chtaura")


def test_unpublished_live_page_is_no_longer_found(client, make_live_page):
    page = make_live_page("Glissement de terrain à Bhamdoun")

    page.unpublish()

    assert "Glissement de terrain" not in results_page(client, "Bhamdoun")


def test_search_of_the_api_keeps_to_articles(make_live_page, make_article):
    page = make_live_page("Glissement de terrain à Bhamdoun")
    make_article(page.get_parent().specific, "Bhamdoun : les habitants relogés")

    assert [card.title for card in search_articles(query="Bhamdoun").articles] == [
        "Bhamdoun : les habitants relogés"
    ]
    assert search_articles(query="Bhamdoun").count == 1


def test_live_pages_in_results_cost_no_query_per_result(client, make_live_page, make_article):
    first = make_live_page("Crue du fleuve Litani : le direct")
    make_article(first.get_parent().specific, "Crue du Litani : les agriculteurs inquiets")

    def count_queries() -> int:
        results_page(client, "Litani")  # warm caches (site root, etc.)
        results.outdate()  # the search itself is measured, not a kept one
        with CaptureQueriesContext(connection) as queries:
            results_page(client, "Litani")
        return len(queries)

    few = count_queries()
    for number in range(5):
        make_live_page(f"Crue du Litani, jour {number}", first_published_at=timezone.now())
    many = count_queries()

    assert "Crue du Litani, jour 4" in results_page(client, "Litani")
    assert many == few


def test_demo_live_page_is_found_by_a_word_of_its_entries(client, make_section, tmp_path):
    make_section("Liban")
    (tmp_path / "live.toml").write_text(
        """
[live]
slug = "direct-crue-nahr-ibrahim"
section = "liban"
title = "Crue du Nahr Ibrahim : le point en direct"
standfirst = "Le fleuve est sorti de son lit après deux jours de pluie."
started_minutes_ago = 60
summary = "- Plusieurs routes sont coupées."

[[live.entries]]
minutes_ago = 30
text = "Les pompiers évacuent les riverains de Qartaba en barque."
""",
        encoding="utf-8",
    )

    load_demo_live(content_dir=tmp_path)

    assert "Crue du Nahr Ibrahim" in results_page(client, "Qartaba")
    # Dated in the index from the start of its coverage, as on the page.
    page = LivePage.objects.get(slug="direct-crue-nahr-ibrahim")
    started = timezone.now() - page.first_published_at
    assert 59 * 60 <= started.total_seconds() <= 61 * 60
    assert page.search_entry.published_at == page.first_published_at


def test_deleting_a_live_page_queues_no_indexing_for_its_entries(
    client, make_live_page, django_capture_on_commit_callbacks, monkeypatch
):
    page = make_live_page("Intempéries sur le Mont-Liban")
    with django_capture_on_commit_callbacks(execute=True):
        for town in ("Chtaura", "Zahlé", "Baalbek"):
            post_entry(page, f"La route de {town} est coupée.")
    queued = []
    monkeypatch.setattr(signals, "index_articles_under", SimpleNamespace(enqueue=queued.append))

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()

    # The page leaves the index with its deletion: nothing is left for the worker to do.
    assert queued == []
    assert "Intempéries" not in results_page(client, "Chtaura")


def test_deleting_an_entry_queues_an_indexing_of_its_page(
    make_live_page, django_capture_on_commit_callbacks, monkeypatch
):
    page = make_live_page("Intempéries sur le Mont-Liban")
    with django_capture_on_commit_callbacks(execute=True):
        kept = post_entry(page, "La route de Chtaura est coupée.")
        post_entry(page, "La route de Zahlé est coupée.")
    queued = []
    monkeypatch.setattr(signals, "index_articles_under", SimpleNamespace(enqueue=queued.append))

    with django_capture_on_commit_callbacks(execute=True):
        page.entries.exclude(pk=kept.pk).delete()

    assert queued == [page.pk]
