"""An editor publishes the drafts waiting from an agency, all or some, once, while the feed
keeps bringing the next wires in as drafts."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, ModelLogEntry, PageLogEntry

from quotidien.ingest.importer import import_path
from quotidien.ingest.models import AgencyFeed, WireItem
from quotidien.news.models import ArticlePage
from quotidien.news.newsroom import EDITORS

PORT_GUID = "urn:alp:2024:port-conteneurs-0412"


@pytest.fixture
def drafts(desk, alp, wires) -> AgencyFeed:
    feed = AgencyFeed.objects.get(agency=alp)
    feed.arrival = AgencyFeed.Arrival.DRAFT
    feed.save()
    import_path(path=wires / "ninjs1")
    import_path(path=wires / "newsml" / "alp-festival.xml")
    return feed


def make_editor(name: str):
    user = get_user_model().objects.create_user(username=name, password="x-Secret-123")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def url(feed: AgencyFeed) -> str:
    return f"/admin/depeches/fils/{feed.pk}/publier-brouillons/"


def test_an_editor_publishes_the_chosen_drafts_of_a_feed_still_in_draft(client, drafts):
    editor = make_editor("rima")
    client.force_login(editor)
    port = WireItem.objects.get(guid=PORT_GUID)

    confirm = client.get(url(drafts)).content.decode()
    response = client.post(url(drafts), {"publish": "selection", "drafts": [port.pk]}, follow=True)

    assert "arrive en brouillon" in confirm  # said, not refused
    assert f'name="drafts" value="{port.pk}"' in confirm and "Publier la sélection" in confirm
    assert "1 brouillon de l’agence Agence Levant Presse publié." in response.content.decode()
    assert list(ArticlePage.objects.live().values_list("pk", flat=True)) == [port.article_id]
    drafts.refresh_from_db()
    assert drafts.arrival == AgencyFeed.Arrival.DRAFT  # later wires are still read first
    assert PageLogEntry.objects.filter(action="wagtail.publish", user=editor).count() == 1
    entry = ModelLogEntry.objects.get(action="ingest.publish_drafts")
    assert entry.user == editor and entry.data["published"] == 1

    nothing = client.post(url(drafts), {"publish": "selection"}, follow=True).content.decode()
    client.post(url(drafts), {"publish": "all"})

    assert "Cochez les brouillons à publier" in nothing
    assert ArticlePage.objects.live().count() == 2


def test_an_editor_publishes_only_in_the_sections_they_may_publish_in(client, drafts, desk):
    group = Group.objects.create(name="Desk culture")
    group.permissions.add(*Group.objects.get(name=EDITORS).permissions.all())
    GroupPagePermission.objects.create(group=group, page=desk["culture"], permission_type="publish")
    for permission_type in ("add", "change"):
        GroupPagePermission.objects.create(
            group=group, page=desk["culture"], permission_type=permission_type
        )
    user = get_user_model().objects.create_user(username="karim", password="x-Secret-123")
    user.groups.add(group)
    client.force_login(user)
    port = WireItem.objects.get(guid=PORT_GUID)  # filed under Économie

    confirm = client.get(url(drafts)).content.decode()
    refused = client.post(
        url(drafts), {"publish": "selection", "drafts": [port.pk]}, follow=True
    ).content.decode()
    client.post(url(drafts), {"publish": "all"})

    assert f'name="drafts" value="{port.pk}"' not in confirm
    assert "vous ne pouvez pas publier dans leur rubrique" in refused
    live = ArticlePage.objects.live()
    assert [article.title for article in live] == [
        WireItem.objects.exclude(guid=PORT_GUID).get().article.title
    ]
