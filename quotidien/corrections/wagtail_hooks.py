"""Corrections and right-of-reply requests in the back office: the two menus, the
« Ajouter un rectificatif » button on an article's header, the editors' dashboard panel of
open requests and the log actions that tell the history."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from quotidien.admin_policies import ActionsOnlyPermissionPolicy

from . import admin_views, queries, request_views, services
from .models import ReplyRequest

register_permission_policy(ReplyRequest, ActionsOnlyPermissionPolicy(ReplyRequest))


@hooks.register("register_admin_viewset")
def corrections_viewsets():
    return [admin_views.CorrectionViewSet(), request_views.ReplyRequestViewSet()]


@hooks.register("register_admin_urls")
def reply_request_urls():
    return request_views.urlpatterns()


@hooks.register("register_page_header_buttons")
def add_correction_button(page, user, view_name, next_url=None):
    if page.live and queries.is_correctable(page) and user.has_perm("corrections.add_correction"):
        yield Button(
            _("Ajouter un rectificatif"),
            reverse("rectificatifs:add") + f"?article={page.pk}",
            icon_name="edit",
            priority=40,
        )


def _refuse_deleting(request, corrected, back: str):
    """Tell the editor why the pages `corrected` stay, and go `back`."""
    for page in corrected:
        messages.error(
            request,
            gettext(
                "« %(title)s » ne peut pas être supprimé : des rectificatifs ou un droit de "
                "réponse y ont paru (sur la page ou sous elle), et ils doivent rester "
                "publiés. Dépubliez-le pour le retirer du site."
            )
            % {"title": page.get_admin_display_title()},
        )
    return redirect(back)


@hooks.register("before_delete_page")
def keep_corrected_pages(request, page):
    if corrected := queries.corrected_among([page]):
        return _refuse_deleting(
            request, corrected, reverse("wagtailadmin_pages:edit", args=[page.pk])
        )
    return None


@hooks.register("before_bulk_action")
def keep_corrected_pages_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    if corrected := queries.corrected_among(objects):
        parent = objects[0].get_parent()
        return _refuse_deleting(
            request, corrected, reverse("wagtailadmin_explore", args=[parent.pk])
        )
    return None


class OpenReplyRequestsPanel(Component):
    """The editors' panel on the back office's home page: requests due, the most urgent first."""

    name = "open_reply_requests"
    template_name = "corrections/admin/open_requests_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        requests = list(queries.open_reply_requests()[:10])
        return {
            "requests": [(item, request_views.deadline_label(item)) for item in requests],
            "index_url": reverse("droits_de_reponse:index"),
        }


@hooks.register("construct_homepage_panels")
def open_reply_requests_panel(request, panels):
    if request.user.has_perm(request_views.HANDLE_PERMISSION):
        panels.append(OpenReplyRequestsPanel())


LOG_ACTIONS = {
    services.ADDED: _("Rectificatif ajouté"),
    services.CHANGED: _("Rectificatif modifié"),
    services.DELETED: _("Rectificatif supprimé"),
    services.REPLY_PUBLISHED: _("Droit de réponse publié"),
    services.REQUEST_RECEIVED: _("Demande reçue"),
    services.REQUEST_TAKEN: _("Demande prise en charge"),
    services.REQUEST_PUBLISHED: _("Réponse publiée"),
    services.REQUEST_REFUSED: _("Demande refusée"),
    services.REQUEST_DOCUMENT_ADDED: _("Pièce justificative reçue avec la même demande"),
}


@hooks.register("register_log_actions")
def corrections_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)
