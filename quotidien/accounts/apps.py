from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "quotidien.accounts"
    label = "accounts"
    verbose_name = "Comptes"

    def ready(self):
        from . import login_limit, personal  # noqa: F401  (a signal receiver; the reader's own parts of pages)
