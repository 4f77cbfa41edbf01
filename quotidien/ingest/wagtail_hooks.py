"""The wire desk in the back office: agency feeds and subject mappings editors change, and the
import reports, wire items and push tokens they can read; "Publier les brouillons" of a feed,
and "Envoyer des dépêches" for editors."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .dashboard import WireDraftsPanel
from .models import AgencyFeed, ImportReport, SubjectMapping, WireItem, WireToken
from .publishing import PUBLISH_DRAFTS, may_publish_drafts


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Records written by imports and commands: shown in the back office, never edited there."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete", "copy", "publish", "lock", "unlock"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ReadOnlyViewSet(SnippetViewSet):
    inspect_view_enabled = True
    inspect_view_class = admin_views.ReadableInspectView
    copy_view_enabled = False


class AgencyFeedViewSet(SnippetViewSet):
    model = AgencyFeed
    icon = "site"
    index_view_class = admin_views.AgencyFeedIndexView
    list_display = ["agency", "arrival", "default_section", "get_active_display"]


class SubjectMappingViewSet(SnippetViewSet):
    model = SubjectMapping
    icon = "tag"
    list_display = ["code", "agency", "section", "tags", "priority"]
    list_filter = ["agency"]
    search_fields = ["code", "tags"]


class ImportReportViewSet(ReadOnlyViewSet):
    model = ImportReport
    icon = "doc-full"
    list_display = [
        "source",
        "started_at",
        "get_state_display",
        "created",
        "updated",
        "unchanged",
        "published",
        "failed",
    ]
    list_filter = ["agency"]
    inspect_view_fields = [
        "source",
        "agency",
        "get_state_display",
        "started_at",
        "last_activity_at",
        "finished_at",
        "created",
        "updated",
        "unchanged",
        "published",
        "withdrawn",
        "failed",
        "details",
    ]


class WireItemViewSet(ReadOnlyViewSet):
    model = WireItem
    icon = "doc-full-inverse"
    inspect_view_class = admin_views.WireItemInspectView
    list_display = [
        "headline",
        "agency",
        "version",
        "version_created",
        "imported_at",
        "get_withdrawn_display",
    ]
    list_filter = ["agency", "withdrawn"]
    search_fields = ["headline", "guid"]


class WireTokenViewSet(ReadOnlyViewSet):
    model = WireToken
    icon = "key"
    list_display = ["agency", "label", "created_at", "last_used_at", "revoked_at"]
    inspect_view_fields = ["agency", "label", "created_at", "last_used_at", "revoked_at"]


class UploadMenuItem(MenuItem):
    def is_shown(self, request):
        return may_publish_drafts(request.user)


class WireDeskViewSetGroup(SnippetViewSetGroup):
    items = (
        AgencyFeedViewSet,
        SubjectMappingViewSet,
        WireItemViewSet,
        ImportReportViewSet,
        WireTokenViewSet,
    )
    menu_icon = "download"
    menu_label = _("Dépêches")
    menu_name = "depeches"

    def get_submenu_items(self):
        return [
            UploadMenuItem(
                _("Envoyer des dépêches"),
                reverse("ingest_upload_wires"),
                name="envoyer-depeches",
                icon_name="upload",
                order=50,
            ),
            *super().get_submenu_items(),
        ]


for model in (ImportReport, WireItem, WireToken):
    register_permission_policy(model, ReadOnlyPolicy(model))
register_snippet(WireDeskViewSetGroup)


@hooks.register("register_admin_urls")
def wire_desk_urls():
    return [
        path(
            "depeches/fils/<int:pk>/publier-brouillons/",
            admin_views.publish_drafts,
            name="ingest_publish_drafts",
        ),
        path("depeches/envoyer/", admin_views.upload_wires, name="ingest_upload_wires"),
    ]


@hooks.register("register_log_actions")
def wire_desk_log_actions(actions):
    actions.register_action(
        PUBLISH_DRAFTS, _("Publication des brouillons"), _("Brouillons importés publiés")
    )


@hooks.register("construct_homepage_panels")
def wire_drafts_panel(request, panels):
    """« Dépêches à relire », for the editors who may publish them."""
    if may_publish_drafts(request.user):
        panels.append(WireDraftsPanel())
