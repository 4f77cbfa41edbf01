from django.apps import AppConfig


class EntitiesConfig(AppConfig):
    name = "quotidien.entities"
    label = "entities"
    verbose_name = "Sujets"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
