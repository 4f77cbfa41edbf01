from django.apps import AppConfig


class RateLimitsConfig(AppConfig):
    name = "quotidien.ratelimits"
    label = "ratelimits"
    verbose_name = "Limites de fréquence"
