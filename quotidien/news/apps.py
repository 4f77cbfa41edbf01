from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "quotidien.news"
    label = "news"
    verbose_name = "Journal"

    def ready(self):
        from . import signal_handlers, tasks

        # Photos get their renditions from the worker when saved or published.
        tasks.connect()
        # Bylines, agencies and photos outdate cached pages when they change.
        signal_handlers.connect()
