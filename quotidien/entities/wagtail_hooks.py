"""« Sujets » in the back office's menu, their chooser, and the actions of their history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import services
from .admin_views import EntityPermissionPolicy, EntityViewSet, entity_chooser_viewset
from .models import Entity

register_permission_policy(Entity, EntityPermissionPolicy(Entity))


@hooks.register("register_admin_viewset")
def entities_viewsets():
    return [EntityViewSet(), entity_chooser_viewset]


LOG_ACTIONS = {
    services.MERGED: _("Sujets fusionnés"),
    services.HIDDEN: _("Sujet masqué"),
    services.SHOWN: _("Sujet rétabli"),
    services.CHANGED: _("Sujet modifié"),
}


@hooks.register("register_log_actions")
def entities_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)
