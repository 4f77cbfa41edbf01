"""Editors change the subject mappings in the back office; reports are there to read."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotidien.ingest.importer import import_path
from quotidien.ingest.models import AgencyFeed, ImportReport, SubjectMapping
from quotidien.news.models import ArticlePage


@pytest.fixture
def editor(client, home):
    user = get_user_model().objects.create_superuser(username="rima", password="x-Secret-123")
    client.force_login(user)
    return user


def test_editor_adds_a_mapping_that_the_next_import_follows(client, editor, desk, alp, wires):
    response = client.post(
        "/admin/snippets/ingest/subjectmapping/add/",
        {
            "agency": alp.pk,
            "code": "MEDTOP:01000000",
            "section": desk["liban"].pk,
            "tags": "Baalbek, Été",
            "priority": 1,
        },
    )
    assert response.status_code == 302
    assert SubjectMapping.objects.filter(code="MEDTOP:01000000").exists()

    import_path(path=wires / "newsml" / "alp-festival.xml")

    article = ArticlePage.objects.get()
    assert article.get_parent().specific == desk["liban"]  # priority 1 beats the culture mapping
    assert sorted(tag.name for tag in article.tags.all()) == ["Baalbek", "Festivals", "Été"]


def test_wire_desk_pages_are_in_french(client, editor, desk):
    for model in ("agencyfeed", "subjectmapping", "wireitem", "importreport", "wiretoken"):
        response = client.get(f"/admin/snippets/ingest/{model}/")
        assert response.status_code == 200, model
    html = client.get("/admin/snippets/ingest/subjectmapping/add/").content.decode()
    assert "Code IPTC tel que l’envoie l’agence" in html


def test_report_shows_each_item_and_cannot_be_edited(client, editor, desk, alp, wires):
    run = import_path(path=wires / "malformed", agency=alp)

    inspect = client.get(f"/admin/snippets/ingest/importreport/inspect/{run.report.pk}/")
    edit = client.get(f"/admin/snippets/ingest/importreport/edit/{run.report.pk}/")

    html = inspect.content.decode()
    assert inspect.status_code == 200
    assert "billion-laughs.xml" in html and "XML refusé" in html
    assert edit.status_code in {302, 403}
    assert ImportReport.objects.get(pk=run.report.pk).failed == 5


def test_a_feed_cannot_file_its_wires_in_a_section_that_is_not_online(desk, alp, make_section):
    draft = make_section("Brouillon", slug="brouillon")
    draft.unpublish()
    feed = AgencyFeed.objects.get(agency=alp)
    feed.default_section = draft

    with pytest.raises(ValidationError) as refused:
        feed.full_clean()

    assert "« Brouillon » n’est pas en ligne" in refused.value.message_dict["default_section"][0]
    feed.default_section = desk["liban"]
    feed.full_clean()


def test_the_dashboard_shows_the_editor_the_drafts_waiting_and_what_is_scheduled(
    client, editor, desk, alp, wires, make_article
):
    from datetime import timedelta

    from django.utils import timezone
    from lxml import html as lxml_html

    AgencyFeed.objects.filter(agency=alp).update(arrival=AgencyFeed.Arrival.DRAFT)
    import_path(path=wires / "ninjs1" / "alp-port-v1.json", agency=alp)
    later = make_article(desk["monde"], "Le bilan des élections, demain matin")
    revision = later.save_revision(user=editor)
    revision.approved_go_live_at = timezone.now() + timedelta(days=1)
    revision.save(update_fields=["approved_go_live_at"])

    with CaptureQueriesContext(connection) as queries:
        page = lxml_html.fromstring(client.get("/admin/").content)
    waiting = " ".join(page.xpath("//section[@id='wire-drafts-section']")[0].text_content().split())
    # The drafts of every agency counted at once, not one query per agency; the updates of
    # stories online read in one more.
    assert sum("ingest_wireitem" in q["sql"] for q in queries.captured_queries) == 2
    scheduled = page.xpath("//section[@id='scheduled-section']")[0]

    feed = AgencyFeed.objects.get(agency=alp)
    assert "Agence Levant Presse : 1 brouillon importé à relire" in waiting
    assert page.xpath(f"//a[@href='/admin/depeches/fils/{feed.pk}/publier-brouillons/']")
    assert "Le bilan des élections, demain matin" in scheduled.text_content()
    assert scheduled.xpath(f".//a[@href='/admin/pages/{later.pk}/edit/']")


def test_programmes_lists_only_the_pages_the_member_may_publish(client, desk, make_article):
    from datetime import timedelta

    from django.contrib.auth.models import Group, Permission
    from django.utils import timezone
    from wagtail.models import GroupPagePermission

    culture_desk = Group.objects.create(name="Pupitre culture")
    culture_desk.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=culture_desk,
            page=desk["culture"],
            permission=Permission.objects.get(codename=codename),
        )
    member = get_user_model().objects.create_user(username="lina", password="x-Secret-123")
    member.groups.add(culture_desk)
    for section, title in (("culture", "Le festival ouvre demain"), ("monde", "Sous embargo")):
        revision = make_article(desk[section], title).save_revision()
        revision.approved_go_live_at = timezone.now() + timedelta(hours=3)
        revision.save(update_fields=["approved_go_live_at"])
    client.force_login(member)

    html = client.get("/admin/").content.decode()

    assert "Le festival ouvre demain" in html and "Sous embargo" not in html


def test_an_agency_s_update_of_a_story_online_waits_on_the_dashboard(
    client, editor, desk, alp, wires
):
    from lxml import html as lxml_html

    from quotidien.news.models import ArticlePage

    AgencyFeed.objects.filter(agency=alp).update(arrival=AgencyFeed.Arrival.DRAFT)
    import_path(path=wires / "ninjs1" / "alp-port-v1.json", agency=alp)
    article = ArticlePage.objects.get()
    article.save_revision(user=editor).publish()
    import_path(path=wires / "ninjs1" / "alp-port-v2.json", agency=alp)

    page = lxml_html.fromstring(client.get("/admin/").content)
    [panel] = page.xpath("//section[@id='wire-drafts-section']")
    text = " ".join(panel.text_content().split())

    assert "Mises à jour d’agence à relire" in text
    assert "Port de Beyrouth : le terminal" in text
    assert panel.xpath(f".//a[@href='/admin/pages/{article.pk}/edit/']")
    # Once the editor publishes it, it waits no more.
    article.refresh_from_db()
    article.get_latest_revision().publish(user=editor)
    page = lxml_html.fromstring(client.get("/admin/").content)
    [panel] = page.xpath("//section[@id='wire-drafts-section']")
    assert "Mises à jour d’agence" not in panel.text_content()
