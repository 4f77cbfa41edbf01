"""Drafts imported while a feed brought them in as drafts are published once it publishes:
by the next import of the same items, or all at once from the back office."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry, PageLogEntry

from quotidien.ingest import admin_views, publishing
from quotidien.ingest.importer import import_path
from quotidien.ingest.models import AgencyFeed, ImportReportLine, WireItem
from quotidien.ingest.queries import imported_drafts
from quotidien.ingest.tasks import publish_agency_drafts
from quotidien.news.models import ArticlePage
from quotidien.news.newsroom import EDITORS, JOURNALISTS

Outcome = ImportReportLine.Outcome
PORT_GUID = "urn:alp:2024:port-conteneurs-0412"


@pytest.fixture
def draft_feed(desk, alp) -> AgencyFeed:
    feed = AgencyFeed.objects.get(agency=alp)
    feed.arrival = AgencyFeed.Arrival.DRAFT
    feed.save()
    return feed


def switch_to_publish(feed: AgencyFeed) -> None:
    feed.arrival = AgencyFeed.Arrival.PUBLISH
    feed.save()


def staff(name: str, group: str):
    user = get_user_model().objects.create_user(username=name, password="x-Secret-123")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_reimport_once_the_feed_publishes_publishes_the_drafts(draft_feed, wires):
    import_path(path=wires / "ninjs1")
    assert not ArticlePage.objects.live().exists()
    switch_to_publish(draft_feed)

    run = import_path(path=wires / "ninjs1")

    assert [result.outcome for result in run.results] == [Outcome.PUBLISHED, Outcome.UNCHANGED]
    assert run.report.published == 1
    assert "Brouillon déjà importé, publié (daté du 02/05/2024 09:10" in run.results[0].message
    article = WireItem.objects.get(guid=PORT_GUID).article
    assert article.live and article.title.startswith("Port de Beyrouth : le terminal")
    assert article.first_published_at == datetime(2024, 5, 2, 6, 10, tzinfo=UTC)
    assert article.last_published_at == datetime(2024, 5, 2, 9, 40, tzinfo=UTC)

    article.unpublish()  # the editors take it offline: it stays offline
    again = import_path(path=wires / "ninjs1")

    assert [result.outcome for result in again.results] == [Outcome.UNCHANGED] * 2
    assert not ArticlePage.objects.live().exists()


@pytest.mark.parametrize(
    ("in_request", "told"),
    [
        (10, "2 brouillons de l’agence Agence Levant Presse publiés."),
        (1, "Publication des 2 brouillons de l’agence Agence Levant Presse lancée"),
    ],
    ids=["few-at-once", "many-by-the-worker"],
)
def test_editor_publishes_an_agencys_drafts_from_the_back_office(
    client, draft_feed, wires, monkeypatch, in_request, told
):
    monkeypatch.setattr(admin_views, "PUBLISHED_IN_REQUEST", in_request)
    import_path(path=wires / "ninjs1")
    import_path(path=wires / "newsml" / "alp-festival.xml")
    switch_to_publish(draft_feed)
    url = f"/admin/depeches/fils/{draft_feed.pk}/publier-brouillons/"

    client.force_login(staff("nadia", JOURNALISTS))
    for refused in (client.get(url), client.post(url)):
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's "no"
    assert not ArticlePage.objects.live().exists()

    editor = staff("rima", EDITORS)
    client.force_login(editor)
    listing = client.get("/admin/snippets/ingest/agencyfeed/").content.decode()
    confirm = client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert url in listing
    assert "2 brouillons importés de l’agence Agence Levant Presse n’ont jamais" in confirm
    assert told in response.content.decode()
    dates = sorted(ArticlePage.objects.live().values_list("first_published_at", flat=True))
    assert dates == [
        datetime(2024, 5, 2, 6, 10, tzinfo=UTC),
        datetime(2024, 5, 4, 5, 50, tzinfo=UTC),
    ]
    assert PageLogEntry.objects.filter(action="wagtail.publish", user=editor).count() == 2
    entry = ModelLogEntry.objects.get(action="ingest.publish_drafts")
    assert entry.user == editor and entry.data["published"] == 2


def test_publishing_the_same_drafts_twice_publishes_each_once(draft_feed, wires, monkeypatch):
    import_path(path=wires / "ninjs1")
    import_path(path=wires / "newsml" / "alp-festival.xml")
    switch_to_publish(draft_feed)
    editor = staff("rima", EDITORS)
    # The form sent twice: two tasks, each with the list of drafts it read before the other ran.
    listed = list(imported_drafts(agency=draft_feed.agency))

    class ListedBeforehand(list):
        def filter(self, **lookups):  # a query made afresh sees what the other task did
            return imported_drafts(agency=draft_feed.agency).filter(**lookups)

    monkeypatch.setattr(publishing, "imported_drafts", lambda agency: ListedBeforehand(listed))

    first = publish_agency_drafts.call(draft_feed.pk, editor.pk)
    second = publish_agency_drafts.call(draft_feed.pk, editor.pk)

    assert (first["published"], second["published"]) == (2, 0)
    assert ArticlePage.objects.live().count() == 2
    publications = PageLogEntry.objects.filter(action="wagtail.publish", user=editor)
    assert sorted(publications.values_list("page_id", flat=True)) == sorted(
        item.article_id for item in listed
    )
