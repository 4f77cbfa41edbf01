from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "quotidien.comments"
    label = "comments"
    verbose_name = "Commentaires"

    def ready(self):
        from . import (
            personal,  # noqa: F401  (registers the reader's own parts of pages)
            signal_handlers,
        )

        # What comments show outdates pages in the cache when it changes.
        signal_handlers.connect()
