from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "quotidien.corrections"
    label = "corrections"
    verbose_name = _("Rectificatifs et droit de réponse")

    def ready(self):
        # A correction changes what its article and the corrections page show.
        from . import signal_handlers  # noqa: F401
