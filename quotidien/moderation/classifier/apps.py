"""The comment classifier: its versions, what it learns from, its page in the back office."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassifierConfig(AppConfig):
    name = "quotidien.moderation.classifier"
    label = "moderation_classifier"
    verbose_name = _("Classifieur de modération")

    def ready(self):
        from quotidien.moderation.signals import comment_moderated

        from .learning import record_decision

        comment_moderated.connect(record_decision, dispatch_uid="classifier-record-decision")
