"""A new version of the classifier: fitted on the shipped corpus and the moderators'
decisions, measured on the frozen test part against the version in service, installed
only if it is not worse."""

from __future__ import annotations

import math
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import store, training
from .model import Model
from .models import ClassifierVersion, TrainingExample
from .training import Example

# A moderator's decision weighs twice a corpus example: it is this newsroom's own policy.
DECISION_WEIGHT = 2.0
# A new version is worse when, on the same test texts, it errs where the one in service was
# right significantly more often than the reverse (McNemar's test, one-sided, 5 %).
Z_ONE_SIDED_5 = 1.645

# The back office's log of what was put in service (wagtail_hooks.LOG_ACTIONS).
INSTALLED = "moderation.classifier.install"
SHIPPED_BACK = "moderation.classifier.shipped"


def decisions() -> list[Example]:
    """The moderators' decisions as labelled examples."""
    rows = TrainingExample.objects.values_list("text", "label")
    return [
        Example(text, label, weight=DECISION_WEIGHT, source="decisions")
        for text, label in rows.iterator()
    ]


def examples(*, with_decisions: bool = True) -> tuple[list[Example], list[Example]]:
    """The training part and the frozen test part of the corpus and the decisions."""
    return training.split(training.load_corpus() + (decisions() if with_decisions else []))


def stops(*, model: Model, test: list[Example], hold: float) -> dict[str, bool]:
    """Whether the model holds each test text, from probability `hold`."""
    return {e.text: model.score(e.text, explain=0).harm >= hold for e in test}


def measure(*, model: Model, test: list[Example], hold: float) -> dict:
    """The model's figures on the test part, holding from probability `hold`."""
    held = stops(model=model, test=test, hold=hold)
    return training.evaluate(held.__getitem__, test)


def worse(new: dict[str, bool], old: dict[str, bool], test: list[Example]) -> bool:
    """Whether the decisions `new` are significantly worse than `old` on the same texts,
    on harmful ones (fewer stopped) or on acceptable ones (more held)."""
    for harmful in (True, False):
        part = [e for e in test if e.harmful == harmful]
        # Texts only the old version got right, and texts only the new one did.
        lost = sum(1 for e in part if old[e.text] == harmful != new[e.text])
        gained = sum(1 for e in part if new[e.text] == harmful != old[e.text])
        if lost - gained > Z_ONE_SIDED_5 * math.sqrt(lost + gained):
            return True
    return False


def retrain(
    *,
    hold: float,
    force: bool = False,
    bits: int = training.DEFAULT_BITS,
    C: float = training.DEFAULT_C,
) -> ClassifierVersion:
    """Fit, measure and store a new version, with its report and why it was installed or
    not; install it if it is not worse (or `force`)."""
    train, test = examples()
    model = training.fit(train, bits=bits, C=C)
    current_number = store.installed_version()
    current = store.load(current_number)
    new, old = (stops(model=m, test=test, hold=hold) for m in (model, current))
    report = {
        "hold": hold,
        "test": dict(Counter(e.label for e in test)),
        "new": training.evaluate(new.__getitem__, test),
        "current": training.evaluate(old.__getitem__, test),
        "current_version": current_number,
    }
    trained_on = {
        "corpus": sum(e.source != "decisions" for e in train),
        "decisions": sum(e.source == "decisions" for e in train),
        "labels": dict(Counter(e.label for e in train)),
    }
    better = not worse(new, old, test)
    install = force or better
    if not install:
        note = _(
            "Non mise en service : nettement moins bonne que la version en service sur la "
            "part de test (mêmes textes, test de McNemar à 5 %)."
        )
    elif better:
        note = _("Mise en service : pas moins bonne que la version en service.")
    else:
        note = _("Mise en service forcée, bien que moins bonne que la version en service.")
    with transaction.atomic():
        # A moderation lead may have put another version in service while this one was
        # fitted: it was not measured against that one, so it does not replace it.
        if _lock_installed() != current_number and not force:
            install = False
            note = _(
                "Non mise en service : la version en service a changé pendant "
                "l’entraînement. Relancez « quotidien train_moderation »."
            )
        version = ClassifierVersion.objects.create(
            data=model.to_bytes(), trained_on=trained_on, report=report, note=note
        )
        if install:
            install_version(version=version)
    return version


def _lock_installed() -> int | None:
    """The number of the version in service, its row locked until the transaction ends:
    two installations wait for each other instead of both marking a version in service."""
    return (
        ClassifierVersion.objects.select_for_update()
        .filter(is_installed=True)
        .values_list("pk", flat=True)
        .first()
    )


@transaction.atomic
def install_version(*, version: ClassifierVersion, by=None) -> None:
    """Put `version` in service in place of the one there; `by`, a moderation lead, is
    named in the back office's log (`quotidien train_moderation` installs unnamed)."""
    _lock_installed()
    try:
        with transaction.atomic():
            ClassifierVersion.objects.filter(is_installed=True).exclude(pk=version.pk).update(
                is_installed=False
            )
            version.is_installed = True
            version.installed_at = timezone.now()
            version.save(update_fields=["is_installed", "installed_at"])
    except IntegrityError as error:  # the very first two installations, at the same time
        raise ValidationError(
            _("Une autre version vient d’être mise en service : réessayez."), code="busy"
        ) from error
    log(version, INSTALLED, user=by)


@transaction.atomic
def install_shipped(*, by=None) -> None:
    """Put the model shipped with the code back in service, in place of the version there
    (a trained version that holds too much or too little in practice)."""
    installed = _lock_installed()
    if installed is None:
        raise ValidationError(_("Le modèle livré est déjà en service."), code="already")
    version = ClassifierVersion.objects.defer("data").get(pk=installed)
    version.is_installed = False
    version.save(update_fields=["is_installed"])
    log(version, SHIPPED_BACK, user=by)
