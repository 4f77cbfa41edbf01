from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "quotidien.backup"
    label = "backup"
    verbose_name = "Sauvegardes"
