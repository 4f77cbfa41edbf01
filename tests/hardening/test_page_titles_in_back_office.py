"""The back office's page chooser and the pages' bulk actions list page titles, drafts and
scheduled articles included: only staff who work on pages reach them. Moderators and the
subscribers' service, who have no page permission, get a 403 and no title."""

import pytest
from django.test import Client

from quotidien.news.newsroom import JOURNALISTS, SUBSCRIBER_SERVICE

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
