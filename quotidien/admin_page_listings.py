"""Wagtail's admin views that list pages by title, drafts and scheduled articles included,
whatever the page permissions of the user: for the staff who work on pages only.

Moderators and the subscribers' service reach the back office for other work; the page
chooser (`/admin/choose-page/…`) and the pages' bulk actions (`/admin/bulk/…`) would
otherwise show them the titles of unpublished articles. `page_listing_urls()` is included
in the site's URLs before Wagtail's own, as the same views behind one more check.
"""

from functools import wraps

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import URLPattern
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.models import Page

from quotidien.admin_policies import works_on_pages

PAGE_LISTING_VIEWS = (
    "wagtailadmin_choose_page",
    "wagtailadmin_choose_page_child",
    "wagtailadmin_choose_page_search",
    "wagtailadmin_choose_page_chosen_multiple",
    "wagtail_bulk_action",
)


def for_page_staff(view):
    """`view`, refused (403) to a logged-in user without any page permission: moderators
    and the subscribers' service reach the back office for other work. A bulk action on
    another model than pages is left to its own permissions."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        model_name = kwargs.get("model_name")
        on_pages = model_name is None or _is_page_model(kwargs.get("app_label"), model_name)
        if on_pages and request.user.is_authenticated and not works_on_pages(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def _is_page_model(app_label: str, model_name: str) -> bool:
    try:
        return issubclass(apps.get_model(app_label, model_name), Page)
    except LookupError:
        return False


def page_listing_urls() -> list[URLPattern]:
    """Wagtail's page-listing admin URLs (already behind its admin login), each for page
    staff only; to be included before Wagtail's own, under the same prefix."""
    return [
        URLPattern(pattern.pattern, for_page_staff(pattern.callback), pattern.default_args)
        for pattern in wagtailadmin_urls.urlpatterns
        if isinstance(pattern, URLPattern) and pattern.name in PAGE_LISTING_VIEWS
    ]
