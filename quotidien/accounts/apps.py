from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "quotidien.accounts"
    label = "accounts"
    verbose_name = "Comptes"
