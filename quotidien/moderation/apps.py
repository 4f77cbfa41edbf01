from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ModerationConfig(AppConfig):
    name = "quotidien.moderation"
    label = "moderation"
    verbose_name = "Modération"

    def ready(self):
        post_migrate.connect(create_word_lists, sender=self)


def create_word_lists(sender, **kwargs):
    """After migrations, the editable word lists exist, filled with the shipped defaults."""
    from .wordlists import ensure_word_lists

    ensure_word_lists()
