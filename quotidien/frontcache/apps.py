from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontCacheConfig(AppConfig):
    name = "quotidien.frontcache"
    label = "frontcache"
    verbose_name = _("Purge du proxy et du CDN")

    def ready(self):
        # A change that outdated pages asks for their purge; the settings are checked.
        from . import checks, signal_handlers  # noqa: F401
