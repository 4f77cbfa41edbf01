"""Which model screens comments now: the version installed in the database, else the one
shipped with the code.

Every web worker asks the database for the installed version's number (one small query),
and reads the model itself only when that number changes: a model installed by
`quotidien train_moderation` on one machine screens on every machine at once. A version
that cannot be read (damaged, or trained for other features) is logged once and the
shipped model screens in its place, rather than no model at all.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache
from pathlib import Path

from .model import Model, ModelFileError

logger = logging.getLogger(__name__)

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

    data, digest = ClassifierVersion.objects.filter(pk=version).values_list("data", "sha256").get()
    try:
        if hashlib.sha256(data).hexdigest() != digest:
            raise ModelFileError("empreinte SHA-256 différente de celle enregistrée")
        return Model.from_bytes(bytes(data))
    except ModelFileError as error:
        logger.error(
            "Version %s du classifieur illisible (%s) : le modèle livré filtre à sa place.",
            version,
            error,
        )
        return shipped_model()


@lru_cache(maxsize=1)
def shipped_model() -> Model:
    """The model trained on the project's corpus and shipped with the code."""
    return Model.from_bytes(SHIPPED.read_bytes())


@lru_cache(maxsize=1)
def shipped_description() -> dict:
    """What the shipped model says of itself (its training and evaluation), without
    reading its weights."""
    return Model.header(SHIPPED.read_bytes())["meta"]
