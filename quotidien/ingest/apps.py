"""Agency wires in (dépêches)."""

from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "quotidien.ingest"
    label = "ingest"
    verbose_name = "Dépêches"
