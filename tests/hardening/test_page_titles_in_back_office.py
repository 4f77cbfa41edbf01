"""The back office's page chooser and the pages' bulk actions list page titles, drafts and
scheduled articles included: only staff who work on pages reach them. Moderators and the
subscribers' service, who have no page permission, get a 403 and no title."""

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from quotidien.news.models import SectionPage
from quotidien.news.newsroom import EDITORS, JOURNALISTS, SUBSCRIBER_SERVICE

pytestmark = pytest.mark.django_db

DRAFT = "Remaniement : la liste secrète des ministres"


@pytest.fixture
def section_with_draft(make_section, make_article):
    section = make_section("Politique")
    make_article(section, DRAFT, live=False)
    return section


def page_listings(section) -> list[str]:
    draft_id = section.get_children().get().pk
    return [
        f"/admin/choose-page/{section.pk}/",
        "/admin/choose-page/",
        "/admin/choose-page/search/?q=remaniement",
        f"/admin/choose-page/chosen-multiple/?id={draft_id}",
        f"/admin/bulk/wagtailcore/page/publish/?id={draft_id}",
        f"/admin/bulk/news/articlepage/delete/?id={draft_id}",
    ]


@pytest.mark.parametrize("group", ["moderator", SUBSCRIBER_SERVICE])
def test_staff_without_page_permissions_read_no_page_title(
    group, section_with_draft, moderator, make_member
):
    user = moderator if group == "moderator" else make_member(group, "Maya K.", "m@q.example")
    browser = Client()
    browser.force_login(user)

    for address in page_listings(section_with_draft):
        response = browser.get(address, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert response.status_code == 403, address
        assert "secrète" not in response.content.decode(), address


def test_journalists_still_choose_pages_and_see_drafts(section_with_draft, make_member):
    browser = Client()
    browser.force_login(make_member(JOURNALISTS, "Karim B.", "karim@q.example"))

    response = browser.get(f"/admin/choose-page/{section_with_draft.pk}/")

    assert response.status_code == 200
    assert "secrète" in response.json()["html"]


def refused(response) -> bool:
    """Whether the back office refused: a 403, or for a page (not a script's request)
    Wagtail's way, back to the dashboard with its message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def page_addresses(draft, section) -> list[str]:
    """Every address of Wagtail's page views (/admin/pages/…), about the draft."""
    values = {
        "page_id": draft.pk,
        "pk": draft.pk,
        "page_to_move_id": draft.pk,
        "destination_id": section.get_parent().pk,
        "parent_page_id": section.pk,
        "revision_id": draft.latest_revision_id,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "content_type_app_name": "news",
        "app_label": "news",
        "content_type_model_name": "articlepage",
        "model_name": "articlepage",
        "action_name": "approve",
        "task_state_id": 1,
        "task_id": 1,
        "workflow_state_id": 1,
    }
    resolver = get_resolver().namespace_dict["wagtailadmin_pages"][1]
    addresses = []
    for pattern in resolver.url_patterns:
        names = set(pattern.pattern.regex.groupindex)
        kwargs = {name: values[name] for name in names}
        address = reverse(f"wagtailadmin_pages:{pattern.name}", kwargs=kwargs)
        addresses.append(address + ("?q=remaniement" if "search" in pattern.name else ""))
    return addresses


@pytest.mark.parametrize("group", ["moderator", SUBSCRIBER_SERVICE])
def test_no_page_view_answers_staff_without_page_permissions(
    group, section_with_draft, moderator, make_member
):
    user = moderator if group == "moderator" else make_member(group, "Maya K.", "m@q.example")
    draft = section_with_draft.get_children().get()
    browser = Client()
    browser.force_login(user)

    addresses = page_addresses(draft, section_with_draft)
    assert len(addresses) == 35
    explorer = ["/admin/pages/", f"/admin/pages/{section_with_draft.pk}/"]
    for address in [*addresses, *explorer]:
        response = browser.get(address)
        assert refused(response), address
        assert "secrète" not in response.content.decode(), address
    # Nor does a page that does not exist answer otherwise.
    assert refused(browser.get(f"/admin/pages/{draft.pk + 1000}/move/1/confirm/"))


def test_visitors_are_sent_to_the_login_whether_a_page_exists_or_not(section_with_draft):
    draft = section_with_draft.get_children().get()

    for page_id in (draft.pk, draft.pk + 1000):
        for address in (
            f"/admin/pages/{page_id}/move/1/confirm/",
            f"/admin/pages/{page_id}/edit/",
            f"/admin/choose-page/{page_id}/",
        ):
            response = Client().get(address)
            assert response.status_code == 302, address
            assert response["Location"].startswith("/admin/login/"), address


def test_only_who_may_make_a_move_sees_its_confirmation(section_with_draft, make_member):
    draft = section_with_draft.get_children().get()
    other = section_with_draft.get_parent().add_child(
        instance=SectionPage(title="Économie", slug="economie")
    )
    browser = Client()
    browser.force_login(make_member(EDITORS, "Rania T.", "rania@q.example"))

    to_section = browser.get(f"/admin/pages/{draft.pk}/move/{other.pk}/confirm/")
    to_the_root = browser.get(f"/admin/pages/{draft.pk}/move/1/confirm/")

    assert to_section.status_code == 200
    assert "secrète" in to_section.content.decode()
    # An article stands under a section only: Wagtail would refuse it once posted.
    assert refused(to_the_root)
