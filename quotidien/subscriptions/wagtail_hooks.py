"""Subscriptions in the Wagtail back office: the "Abonnements" menu of the Service abonnés
(offers, subscribers, institutions, manual subscriptions, statistics) and the audit log's
subscription actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from quotidien.admin_policies import ActionsOnlyPermissionPolicy

from . import admin_views, log_actions, reader_lookup
from .dashboard import SubscriberServicePanel
from .models import Subscription
from .permissions import SubscriberServiceMenuItem, can_manage_subscriptions

register_permission_policy(Subscription, ActionsOnlyPermissionPolicy(Subscription))


@hooks.register("register_admin_viewset")
def subscriptions_viewsets():
    return admin_views.SubscriptionsGroup()


@hooks.register("register_admin_urls")
def subscriptions_urls():
    return [
        path("abonnements/activer/", admin_views.activate, name="subscriptions_activate"),
        path("abonnements/<int:pk>/prolonger/", admin_views.extend, name="subscriptions_extend"),
        path("abonnements/<int:pk>/resilier/", admin_views.cancel, name="subscriptions_cancel"),
        path(
            "abonnements/<int:pk>/reactiver/",
            admin_views.reactivate,
            name="subscriptions_reactivate",
        ),
        path(
            "abonnements/demandes/",
            admin_views.subscription_requests,
            name="subscriptions_requests",
        ),
        path(
            "abonnements/demandes/<int:pk>/classer/",
            admin_views.file_away_request,
            name="subscriptions_request_file_away",
        ),
        path("abonnements/statistiques/", admin_views.statistics, name="subscriptions_statistics"),
        path("abonnements/lecteurs/", reader_lookup.readers, name="subscriptions_readers"),
    ]


@hooks.register("register_subscriptions_menu_item")
def manual_subscription_menu_item():
    return SubscriberServiceMenuItem(
        _("Abonnement manuel"), reverse("subscriptions_activate"), icon_name="plus", order=4
    )


@hooks.register("register_subscriptions_menu_item")
def requests_menu_item():
    return SubscriberServiceMenuItem(
        _("Demandes d’abonnement"), reverse("subscriptions_requests"), icon_name="mail", order=3
    )


@hooks.register("register_subscriptions_menu_item")
def readers_menu_item():
    return SubscriberServiceMenuItem(
        _("Lecteurs"), reverse("subscriptions_readers"), icon_name="user", order=2
    )


@hooks.register("register_subscriptions_menu_item")
def statistics_menu_item():
    return SubscriberServiceMenuItem(
        _("Statistiques"), reverse("subscriptions_statistics"), icon_name="table", order=5
    )


@hooks.register("register_log_actions")
def subscription_log_actions(actions):
    log_actions.register(actions)


@hooks.register("construct_homepage_panels")
def subscriber_service_panel(request, panels):
    if can_manage_subscriptions(request.user):
        panels.append(SubscriberServicePanel())
