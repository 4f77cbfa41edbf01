"""The classifier's page in the back office, beside the moderation queue."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from quotidien.moderation.permissions import ModeratorsOnlyMenuItem

from . import retraining, views


@hooks.register("register_admin_urls")
def classifier_urls():
    return [
        path("moderation/classifieur/", views.versions, name="moderation_classifier"),
        path(
            "moderation/classifieur/<int:pk>/installer/",
            views.install,
            name="moderation_classifier_install",
        ),
        path(
            "moderation/classifieur/modele-livre/installer/",
            views.install_shipped_model,
            name="moderation_classifier_install_shipped",
        ),
    ]


LOG_ACTIONS = {
    retraining.INSTALLED: _("Version du classifieur mise en service"),
    retraining.SHIPPED_BACK: _("Modèle livré remis en service à la place de cette version"),
}


@hooks.register("register_log_actions")
def classifier_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_menu_item")
def classifier_menu_item():
    return ModeratorsOnlyMenuItem(
        _("Classifieur"), reverse("moderation_classifier"), icon_name="tasks", order=153
    )
