"""The public JSON API."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "quotidien.api"
    label = "api"
    verbose_name = "API"
