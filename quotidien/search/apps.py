"""French-aware full-text search of the archive and its page."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "quotidien.search"
    label = "search"
    verbose_name = "Recherche"

    def ready(self):
        from . import signals, variants

        signals.connect()
        variants.connect()
