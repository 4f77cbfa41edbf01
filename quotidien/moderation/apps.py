from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "quotidien.moderation"
    label = "moderation"
    verbose_name = "Modération"
