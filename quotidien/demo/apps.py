from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "quotidien.demo"
    label = "demo"
    verbose_name = "Démonstration"
