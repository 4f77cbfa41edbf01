"""Corrections and right-of-reply requests in the back office: the two menus, the
« Ajouter un rectificatif » button on an article's header, the editors' dashboard panel of
open requests and the log actions that tell the history."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
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
