from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "quotidien.syndication"
    label = "syndication"
    verbose_name = "Diffusion"

    def ready(self):
        # A live entry or a correction changes how the feeds and sitemaps date a page.
        from . import signal_handlers  # noqa: F401
