"""Subscriptions in the Wagtail back office: the "Abonnements" menu of the Service abonnés
and the audit log's subscription actions."""

from wagtail import hooks

from . import log_actions


@hooks.register("register_log_actions")
def subscription_log_actions(actions):
    log_actions.register(actions)
