"""Wagtail's admin views that show pages by title, drafts and scheduled articles included,
whatever the page permissions of the user: for the staff who work on pages only.

Moderators and the subscribers' service reach the back office for other work; the page
chooser (`/admin/choose-page/…`), the pages' bulk actions (`/admin/bulk/…`) and some of
the page views (`/admin/pages/…`) would otherwise show them the titles of unpublished
articles, or tell which pages exist: the confirmation of a page's move, which Wagtail
renders for anyone in the back office and checks only when the move is posted, names the
page and its destination. Every page view is refused to them, and the confirmation of a
move to whoever may not make it. `page_listing_urls()` is included in the site's URLs
before Wagtail's own, as the same views behind one more check.
"""

from functools import wraps

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import pages as wagtailadmin_page_urls
from wagtail.models import Page

from quotidien.admin_policies import works_on_pages

PAGE_LISTING_VIEWS = (
    "wagtailadmin_choose_page",
    "wagtailadmin_choose_page_child",
    "wagtailadmin_choose_page_search",
    "wagtailadmin_choose_page_chosen_multiple",
    "wagtail_bulk_action",
)


def for_page_staff(view, *, bulk_action: bool = False):
    """`view`, refused (403) to a logged-in user without any page permission: moderators
    and the subscribers' service reach the back office for other work. A bulk action on
    another model than pages is left to its own permissions."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        on_pages = not bulk_action or _is_page_model(kwargs["app_label"], kwargs["model_name"])
        if on_pages and request.user.is_authenticated and not works_on_pages(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def for_page_movers(view):
    """`view`, the confirmation of a page's move, refused (403) to whoever may not make
    that move (behind `for_page_staff`, which refuses staff without page permissions
    whatever the ids, so that they cannot tell which pages exist)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        page = get_object_or_404(Page, pk=kwargs["page_to_move_id"]).specific_deferred
        destination = get_object_or_404(Page, pk=kwargs["destination_id"])
        if not page.permissions_for_user(request.user).can_move_to(destination):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def _is_page_model(app_label: str, model_name: str) -> bool:
    try:
        return issubclass(apps.get_model(app_label, model_name), Page)
    except LookupError:
        return False


def page_listing_urls() -> list[URLPattern]:
    """Wagtail's page-listing admin URLs and its page views, behind its admin login first
    (a visitor is sent to it whatever the ids), then each for page staff only, a move's
    confirmation for who may make it; to be included before Wagtail's own, under the same
    prefix."""
    listings = [
        URLPattern(
            pattern.pattern,
            require_admin_access(
                for_page_staff(pattern.callback, bulk_action=pattern.name == "wagtail_bulk_action")
            ),
            pattern.default_args,
        )
        for pattern in wagtailadmin_urls.urlpatterns
        if isinstance(pattern, URLPattern) and pattern.name in PAGE_LISTING_VIEWS
    ]
    page_views = []
    for pattern in wagtailadmin_page_urls.urlpatterns:
        view = pattern.callback
        if pattern.name == "move_confirm":
            view = for_page_movers(view)
        guarded = require_admin_access(for_page_staff(view))
        page_views.append(URLPattern(pattern.pattern, guarded, pattern.default_args))
    return [*listings, path("pages/", include(page_views))]
