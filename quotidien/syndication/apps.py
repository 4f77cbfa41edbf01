from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "quotidien.syndication"
    label = "syndication"
    verbose_name = "Diffusion"
