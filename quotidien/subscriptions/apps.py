from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "quotidien.subscriptions"
    label = "subscriptions"
    verbose_name = _("Abonnements")

    def ready(self):
        # Modules whose receivers keep what each process remembers (who subscribes, the
        # institutions' ranges, the plans on offer) in step with the database.
        from . import access, institutions, offers, signal_handlers  # noqa: F401
