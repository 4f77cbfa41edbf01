"""The classifier's page in the back office, beside the moderation queue."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from quotidien.moderation.permissions import can_moderate

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


class ModeratorsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def classifier_menu_item():
    return ModeratorsOnlyMenuItem(
        _("Classifieur"), reverse("moderation_classifier"), icon_name="tasks", order=153
    )
