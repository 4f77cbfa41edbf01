"""The audit log's account actions, in French (entries written by accounts.services)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import services

LOG_ACTIONS = {
    services.DISPLAY_NAME_CHANGED: _("Nom affiché changé par le lecteur"),
    services.APPS_SIGNED_OUT: _("Applications déconnectées par le lecteur"),
    services.PASSWORD_CHANGED: _("Mot de passe changé par le lecteur"),
    services.EMAIL_CHANGED: _("Adresse e-mail changée par le lecteur"),
    services.ACCOUNT_DELETED: _("Compte supprimé par le lecteur"),
}


@hooks.register("register_log_actions")
def accounts_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)
