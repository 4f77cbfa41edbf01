from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "quotidien.live"
    label = "live"
    verbose_name = _("En direct")

    def ready(self):
        # An entry posted, changed or deleted outdates its live page in the page cache.
        from . import signal_handlers  # noqa: F401
