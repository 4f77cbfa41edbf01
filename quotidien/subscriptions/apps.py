from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "quotidien.subscriptions"
    label = "subscriptions"
    verbose_name = _("Abonnements")

    def ready(self):
        from . import signal_handlers  # noqa: F401
