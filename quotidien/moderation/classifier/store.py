"""Which model screens comments now: the version installed in the database, else the one
shipped with the code.

Every web worker asks the database for the installed version's number (one small query),
and reads the model itself only when that number changes: a model installed by
`quotidien train_moderation` on one machine screens on every machine at once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .model import Model

SHIPPED = Path(__file__).resolve().parent / "shipped.qmod"


def installed_version() -> int | None:
    """The number of the version in service, None when the shipped model screens."""
    from .models import ClassifierVersion

    return ClassifierVersion.objects.filter(is_installed=True).values_list("pk", flat=True).first()


def current_model() -> Model:
    """The model in service."""
    return load(installed_version())


@lru_cache(maxsize=1)  # a new version evicts the one before: one model per process
def load(version: int | None) -> Model:
    """Version `version` of the model (None: the shipped one), read once per process."""
    if version is None:
        return shipped_model()
    from .models import ClassifierVersion

    data = ClassifierVersion.objects.filter(pk=version).values_list("data", flat=True).get()
    return Model.from_bytes(bytes(data))


@lru_cache(maxsize=1)
def shipped_model() -> Model:
    """The model trained on the project's corpus and shipped with the code."""
    return Model.from_bytes(SHIPPED.read_bytes())
