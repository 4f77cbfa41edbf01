from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitepagesConfig(AppConfig):
    name = "quotidien.sitepages"
    label = "sitepages"
    verbose_name = _("Pages du site")

    def ready(self):
        # The footer lists these pages and the settings' links: changing them outdates it.
        from . import signal_handlers  # noqa: F401
