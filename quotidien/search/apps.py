from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "quotidien.search"
    label = "search"
    verbose_name = "Recherche"
