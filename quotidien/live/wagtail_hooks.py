"""The back office of live coverage: entries in a few clicks, and « Clore le direct »; the
live coverages going on atop their sections’ pages.

Journalists post entries and change or delete their own; editors change or delete any
(quotidien.news.newsroom). An entry is online as soon as it is saved: live coverage is
posted straight by the journalists covering the event.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import OwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy

from quotidien.news import extensions

from . import admin_views, queries
from .models import LiveEntry, LivePage

# Adding an entry lets one change and delete one's own; changing lets one change any.
ENTRY_PERMISSIONS = OwnershipPermissionPolicy(LiveEntry, owner_field_name="author")
register_permission_policy(LiveEntry, ENTRY_PERMISSIONS)


class OwnEntriesOnly:
    """Journalists reach only their own entries' forms, editors everyone's."""

    def get_object(self, queryset=None):
        entry = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission_required, entry
        ):
            raise PermissionDenied
        return entry


class EntryCreateView(generic.CreateView):
    def get_initial(self):
        # « Nouvelle entrée » from a live page comes with the page chosen.
        initial = super().get_initial()
        if (page_id := self.request.GET.get("page", "")).isdecimal():
            initial["page"] = LivePage.objects.filter(pk=page_id).first()
        return initial

    def save_instance(self):
        self.form.instance.author = self.request.user
        return super().save_instance()


class EntryEditView(OwnEntriesOnly, generic.EditView):
    pass


class EntryDeleteView(OwnEntriesOnly, generic.DeleteView):
    pass


class LiveEntryViewSet(ModelViewSet):
    model = LiveEntry
    icon = "time"
    menu_label = _("Entrées de direct")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "directs/entrees"
    name = "live_entries"
    list_display = ["__str__", "page", "posted_at", "pinned", "author"]
    list_filter = ["page", "pinned"]
    ordering = ["-posted_at"]
    add_view_class = EntryCreateView
    edit_view_class = EntryEditView
    delete_view_class = EntryDeleteView


live_entries = LiveEntryViewSet()


@hooks.register("register_admin_viewset")
def register_live_entries():
    return live_entries


def new_entry_url(page: LivePage) -> str:
    return reverse(live_entries.get_url_name("add")) + f"?page={page.pk}"


@hooks.register("register_admin_urls")
def register_close_url():
    return [path("directs/<int:page_id>/clore/", admin_views.close, name="live_close")]


@hooks.register("register_page_header_buttons")
def live_page_buttons(page, user, view_name, next_url=None):
    page = page.specific_deferred
    if not isinstance(page, LivePage) or not page.is_open:
        return
    if ENTRY_PERMISSIONS.user_has_permission(user, "add"):
        yield Button(_("Nouvelle entrée"), new_entry_url(page), icon_name="plus", priority=5)
    if page.live and page.permissions_for_user(user).can_publish():
        yield Button(
            _("Clore le direct"),
            reverse("live_close", args=[page.pk]),
            icon_name="time",
            priority=55,
        )


class OpenLivePagesPanel(Component):
    """The dashboard's « Directs en cours », each with its « Nouvelle entrée »."""

    name = "live_pages"
    template_name = "live/admin/open_live_pages.html"
    order = 50

    def __init__(self, pages: list[LivePage]):
        self.pages = pages

    def get_context_data(self, parent_context=None):
        return {"pages": [(page, new_entry_url(page)) for page in self.pages]}


@hooks.register("construct_homepage_panels")
def add_open_live_pages(request, panels):
    if not ENTRY_PERMISSIONS.user_has_permission(request.user, "add"):
        return
    if pages := queries.open_live_pages():
        panels.append(OpenLivePagesPanel(pages))


@hooks.register(extensions.SECTION_CONTEXT)
def add_section_live_pages(section, request, context) -> None:
    """A section's live coverages going on, atop its page (a page that shows some is kept
    a minute only: SectionPage.live_cache_seconds)."""
    context["live_pages"] = queries.open_live_pages_in(section)
