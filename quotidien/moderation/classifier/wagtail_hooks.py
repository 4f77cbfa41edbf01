"""The classifier's page in the back office, beside the moderation queue."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from quotidien.moderation.permissions import ModeratorsOnlyMenuItem

from . import views


@hooks.register("register_admin_urls")
def classifier_urls():
    return [
        path("moderation/classifieur/", views.versions, name="moderation_classifier"),
        path(
            "moderation/classifieur/<int:pk>/installer/",
            views.install,
            name="moderation_classifier_install",
        ),
    ]


@hooks.register("register_admin_menu_item")
def classifier_menu_item():
    return ModeratorsOnlyMenuItem(
        _("Classifieur"), reverse("moderation_classifier"), icon_name="tasks", order=153
    )
