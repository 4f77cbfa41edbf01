"""Staff groups, the review workflow and scheduled publishing."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Site

from quotidien.news.models import ArticlePage
from quotidien.news.newsroom import (
    EDITORS,
    JOURNALISTS,
    MODEL_PERMISSIONS,
    MODERATION_LEADS,
    MODERATORS,
    ensure_newsroom,
)

pytestmark = pytest.mark.django_db


def member_of(group_name: str, username: str):
    user = get_user_model().objects.create_user(username=username, password="x-Secret-123")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_setting_up_the_newsroom_twice_changes_nothing(home):
    groups = list(Group.objects.order_by("name").values_list("name", "permissions"))

    again = ensure_newsroom(site_name="Quotidien")

    assert again.pk == home.pk
    assert list(Group.objects.order_by("name").values_list("name", "permissions")) == groups
    assert Page.objects.type(type(home)).count() == 1


def test_journalist_writes_and_submits_but_cannot_publish(home, make_section, make_article):
    section = make_section("Liban")
    journalist = member_of(JOURNALISTS, "nadia")
    editor = member_of(EDITORS, "rita")

    journalist_perms = section.permissions_for_user(journalist)
    editor_perms = section.permissions_for_user(editor)

    assert journalist_perms.can_add_subpage()
    assert not journalist_perms.can_publish_subpage()
    assert not home.permissions_for_user(journalist).can_edit()
    assert editor_perms.can_publish_subpage()
    assert home.permissions_for_user(editor).can_edit()
    assert home.permissions_for_user(editor).can_publish()


def test_submitted_article_waits_for_an_editor_then_is_published(home, make_section):
    section = make_section("Liban")
    journalist = member_of(JOURNALISTS, "nadia")
    editor = member_of(EDITORS, "rita")
    article = ArticlePage(title="Brouillon", standfirst="Chapô.", live=False, owner=journalist)
    section.add_child(instance=article)
    article.save_revision(user=journalist)

    workflow = article.get_workflow()
    state = workflow.start(article, journalist)

    assert workflow.name == "Relecture de la rédaction"
    task = state.current_task_state.task.specific
    assert task.user_can_access_editor(article, editor)
    assert not task.user_can_access_editor(article, journalist)
    state.current_task_state.task.specific.on_action(state.current_task_state, editor, "approve")
    article.refresh_from_db()
    assert article.live


def test_moderators_reach_the_back_office_but_not_articles(home, make_section):
    moderator = member_of(MODERATORS, "fadi")

    assert moderator.has_perm("wagtailadmin.access_admin")
    assert not make_section("Liban").permissions_for_user(moderator).can_edit()


def test_editors_keep_name_variants_and_subjects_journalists_only_see_subjects(home):
    editor = member_of(EDITORS, "rita")
    journalist = member_of(JOURNALISTS, "nadia")

    assert editor.has_perm("search.change_namevariants")
    assert editor.has_perm("entities.change_entity")
    assert journalist.has_perm("entities.view_entity")
    assert not journalist.has_perm("entities.change_entity")
    assert not journalist.has_perm("search.change_namevariants")


def test_scheduled_article_is_published_when_due_and_not_before(client, make_section, monkeypatch):
    section = make_section("Liban")
    due = ArticlePage(title="Programmé dans une heure", standfirst="Chapô.", live=False)
    later = ArticlePage(title="Programmé dans trois jours", standfirst="Chapô.", live=False)
    for article, go_live in ((due, timedelta(hours=1)), (later, timedelta(days=3))):
        section.add_child(instance=article)
        article.go_live_at = timezone.now() + go_live
        article.save_revision().publish()
    assert not ArticlePage.objects.get(pk=due.pk).live

    # The command runs a day later: the first one is due, the second is not yet.
    tomorrow = timezone.now() + timedelta(days=1)
    with monkeypatch.context() as clock:
        clock.setattr(timezone, "now", lambda: tomorrow)
        call_command("publish_scheduled", verbosity=0)

    due.refresh_from_db()
    later.refresh_from_db()
    assert due.live and not later.live
    assert client.get(due.url).status_code == 200
    assert "Programmé dans trois jours" not in client.get(section.url).content.decode()


def test_setup_command_prepares_a_new_install(db, capsys):
    # What Wagtail's migrations make, in English; one of them with a member kept.
    Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    get_user_model().objects.create_user("ancien", "ancien@example.org").groups.add(moderators)

    call_command("setup_newsroom")

    names = set(Group.objects.values_list("name", flat=True))
    assert names >= {JOURNALISTS, EDITORS, MODERATORS, MODERATION_LEADS}
    assert "Editors" not in names and "Moderators" in names
    output = capsys.readouterr().out
    assert "Journalistes" in output and MODERATION_LEADS in output


GRANTING_MIGRATIONS = [
    "quotidien.news.migrations.0010_editors_create_sections",
    "quotidien.live.migrations.0002_newsroom_permissions",
    "quotidien.corrections.migrations.0002_newsroom_permissions",
]


# It makes the groups as they were before the upgrade: there must be none already.
@pytest.mark.own_newsroom
def test_groups_set_up_before_an_upgrade_get_what_setup_newsroom_now_gives(db):
    groups = {name: Group.objects.create(name=name) for name in (JOURNALISTS, EDITORS)}
    new_in_news = {JOURNALISTS: {"add_agency"}, EDITORS: {"add_sectionpage"}}

    for name in GRANTING_MIGRATIONS:
        importlib.import_module(name).grant_permissions(django_apps, None)

    for name, group in groups.items():
        granted = set(group.permissions.values_list("content_type__app_label", "codename"))
        wanted = {
            (app, codename)
            for app, codename in MODEL_PERMISSIONS[name]
            if app in {"live", "corrections"} or codename in new_in_news[name]
        }
        assert wanted and granted == wanted, name


def test_setup_gives_the_site_the_paper_s_public_address(db, settings):
    """Pages' full addresses (the review e-mails' links, the proxies' purges) are built on
    the Wagtail site's host and port: those of SITE_URL, not Wagtail's localhost:80."""
    call_command("setup_newsroom")
    # Without SITE_URL, a site set up by hand stays as it is.
    assert Site.objects.get(is_default_site=True).hostname == "localhost"

    settings.SITE_URL = "https://www.quotidien.example"
    call_command("setup_newsroom")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("www.quotidien.example", 443)
    assert site.root_page.full_url == "https://www.quotidien.example/"
