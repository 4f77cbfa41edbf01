"""Editors find, rename, hide and merge entities in « Sujets »; journalists only see them."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from quotidien.entities import services
from quotidien.entities.models import Entity
from quotidien.entities.permissions import JOURNALIST_PERMISSIONS
from quotidien.grants import JOURNALISTS, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def journalist(archive):
    grant(apps, JOURNALISTS, JOURNALIST_PERMISSIONS)
    user = get_user_model().objects.create_user(
        username="karim", email="karim@quotidien.example", password="redaction-Secrete-1"
    )
    user.groups.add(Group.objects.get(name=JOURNALISTS))
    return user


def test_editors_list_search_and_filter_the_entities(client, editor):
    client.force_login(editor)

    listing = client.get(reverse("sujets:index")).content.decode()
    assert "Sujets" in client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Bachar el-Assad" in listing and "Beyrouth" in listing

    # A spelling finds its entity; the kind filters.
    found = client.get(reverse("sujets:index"), {"q": "Bashar"}).content.decode()
    assert "Bachar el-Assad" in found and "Beyrouth" not in found
    places = client.get(reverse("sujets:index"), {"kind": "lieu"}).content.decode()
    assert "Beyrouth" in places and "Nabih Berry" not in places


def test_a_search_on_the_spellings_counts_each_article_once(client, editor):
    # Three spellings of his name match: his three articles stay three.
    client.force_login(editor)

    response = client.get(reverse("sujets:index"), {"q": "Assad"})

    [assad] = [item for item in response.context["object_list"] if item.name == "Bachar el-Assad"]
    assert assad.article_count == 3


def test_the_entity_chooser_is_for_those_who_see_the_entities(client, editor):
    Entity.objects.filter(name="Alep").update(hidden=True)
    outsider = get_user_model().objects.create_user(
        username="sami", email="sami@quotidien.example", password="redaction-Secrete-1"
    )
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    choose = reverse("sujets_chooser:choose")

    client.force_login(outsider)
    assert client.get(choose)["Location"] == reverse("wagtailadmin_home")
    alep = Entity.objects.get(name="Alep")
    assert client.get(reverse("sujets_chooser:chosen", args=[alep.pk])).status_code == 302

    # Editors choose among them all, hidden ones included.
    client.force_login(editor)
    response = client.get(choose)
    assert response.status_code == 200
    assert "Alep" in response.json()["html"]


def test_an_editor_hides_a_wrong_entity_and_sees_its_spellings(client, editor):
    nassib = Entity.objects.get(name="Nassib")
    client.force_login(editor)
    edit_url = reverse("sujets:edit", args=[nassib.pk])
    assert "Graphies trouvées dans les articles" in client.get(edit_url).content.decode()

    response = client.post(edit_url, {"name": "Passage de Nassib", "kind": "lieu", "hidden": "on"})

    assert response.status_code == 302
    nassib.refresh_from_db()
    assert nassib.hidden and nassib.name == "Passage de Nassib"
    assert nassib.slug == "nassib"  # its address stays
    entry = ModelLogEntry.objects.get(action=services.HIDDEN, object_id=str(nassib.pk))
    assert entry.user == editor
    history = client.get(reverse("sujets:history", args=[nassib.pk])).content.decode()
    assert "Sujet masqué" in history

    client.post(edit_url, {"name": "Passage de Nassib", "kind": "lieu"})
    history = client.get(reverse("sujets:history", args=[nassib.pk])).content.decode()
    assert "Sujet rétabli" in history


def test_an_editor_merges_an_entity_into_another(client, editor):
    observatory = Entity.objects.get(name="Observatoire syrien des droits de l’homme")
    osdh = Entity.objects.get(name="OSDH")
    client.force_login(editor)
    merge_url = reverse("sujets:merge", args=[osdh.pk])
    assert "Fusionner" in client.get(reverse("sujets:index")).content.decode()
    assert client.get(merge_url).status_code == 200

    refused = client.post(merge_url, {"target": osdh.pk})
    assert "lui-même" in refused.content.decode()

    response = client.post(merge_url, {"target": observatory.pk})

    assert response["Location"] == reverse("sujets:edit", args=[observatory.pk])
    osdh.refresh_from_db()
    assert osdh.merged_into == observatory
    assert set(observatory.aliases.values_list("spelling", flat=True)) >= {"OSDH"}
    assert observatory.article_links.count() == 2
    # The merged entity leaves the list.
    assert ">OSDH<" not in client.get(reverse("sujets:index")).content.decode()


def test_journalists_see_the_entities_but_change_none(client, journalist):
    alep = Entity.objects.get(name="Alep")
    client.force_login(journalist)

    assert client.get(reverse("sujets:index")).status_code == 200
    # The back office sends who may not to its home page, with a message.
    refused = client.post(reverse("sujets:merge", args=[alep.pk]), {"target": 1})
    assert refused["Location"] == reverse("wagtailadmin_home")
    client.post(reverse("sujets:edit", args=[alep.pk]), {"name": "X", "kind": "lieu"})
    alep.refresh_from_db()
    assert alep.name == "Alep" and alep.merged_into is None
    # Nobody adds an entity by hand nor deletes one.
    assert client.get(reverse("sujets:add"))["Location"] == reverse("wagtailadmin_home")
