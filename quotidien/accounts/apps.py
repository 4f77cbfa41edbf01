from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "quotidien.accounts"
    label = "accounts"
    verbose_name = "Comptes"

    def ready(self):
        from . import personal  # noqa: F401  (registers the reader's own parts of pages)
