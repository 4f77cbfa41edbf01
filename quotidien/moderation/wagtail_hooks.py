"""The moderation queue, the audit log and the word lists in the Wagtail back office."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import queue, views
from .models import WordList
from .permissions import ModeratorsOnlyMenuItem, can_moderate


@hooks.register("register_admin_urls")
def moderation_urls():
    return [
        path("moderation/", views.comment_queue, name="moderation_queue"),
        path("moderation/journal/", views.audit_log, name="moderation_audit_log"),
        path("moderation/bannir/", views.ban_confirm, name="moderation_ban"),
        path("moderation/bannis/", views.banned_readers, name="moderation_bans"),
        path("moderation/bannis/<int:pk>/annuler/", views.ban_undo, name="moderation_ban_undo"),
        path("moderation/bannis/<int:pk>/lever/", views.ban_lift, name="moderation_ban_lift"),
    ]


def waiting_summary(request) -> dict:
    """`queue.waiting_summary()`, counted once per request for the menu and the panel."""
    if not hasattr(request, "_moderation_waiting"):
        request._moderation_waiting = queue.waiting_summary()
    return request._moderation_waiting


class QueueMenuItem(ModeratorsOnlyMenuItem):
    """The menu entry "Modération (N)": it says how many comments wait for a decision, held
    or reported (the first two tabs, which never overlap)."""

    def render_component(self, request):
        component = super().render_component(request)
        summary = waiting_summary(request)
        if waiting := summary["waiting"] + summary["reported"]:
            component.label = f"{self.label} ({waiting})"
        return component


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return QueueMenuItem(
        _("Modération"), reverse("moderation_queue"), icon_name="comment", order=150
    )


class WaitingCommentsPanel(Component):
    """The moderators' panel on the back office's home page: what waits in the queue."""

    name = "waiting_comments"
    template_name = "moderation/waiting_comments_panel.html"
    # Before Wagtail's own panels: for a moderator, the queue is the day's work.
    order = 50

    def get_context_data(self, parent_context):
        summary = waiting_summary(parent_context["request"])
        return {**summary, "queue_url": reverse("moderation_queue")}


@hooks.register("construct_homepage_panels")
def waiting_comments_panel(request, panels):
    if can_moderate(request.user):
        panels.append(WaitingCommentsPanel())


@hooks.register("register_admin_menu_item")
def audit_log_menu_item():
    return ModeratorsOnlyMenuItem(
        _("Journal de modération"), reverse("moderation_audit_log"), icon_name="history", order=151
    )


class WordListViewSet(SnippetViewSet):
    model = WordList
    icon = "list-ul"
    menu_label = _("Listes de mots")
    menu_order = 152
    add_to_admin_menu = True
    list_display = ["__str__", "updated_at"]


register_snippet(WordListViewSet)
