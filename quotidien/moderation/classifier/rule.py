"""The classifier as one screening rule among the others."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quotidien.moderation.screening import (
    HOLD,
    REJECT,
    Context,
    Finding,
    Rule,
    configured_rules,
)

from . import store
from .model import Model, ModelFileError

# What the reason says of each kind, before the score and the words.
KIND_LABELS = {
    "insulte": gettext_lazy("Insulte probable"),
    "obscenite": gettext_lazy("Obscénité probable"),
    "deshumanisant": gettext_lazy("Propos déshumanisants probables"),
    "haine": gettext_lazy("Propos haineux probables"),
    "menace": gettext_lazy("Menace probable"),
    "cris": gettext_lazy("Cris probables"),
    "spam": gettext_lazy("Publicité probable"),
    "donnees-personnelles": gettext_lazy("Données personnelles probables"),
}
DEFAULT_HOLD = 0.35
DEFAULT_REFUSE = 0.99


class ClassifierRule(Rule):
    """Hold (or refuse) what the trained classifier finds likely harmful.

    OPTIONS: `hold` and `refuse`, the probabilities from which a comment is held or
    refused where its section sets no thresholds of its own; `model`, a path to a model
    file to use instead of the installed one (for trials).

    It judges quotations: trained on slurs and threats quoted both to condemn and to
    endorse them, it decides for the rules that found them only between quotation marks.
    """

    code = "classifier"
    judges_quotations = True

    def __init__(
        self, *, hold: float = DEFAULT_HOLD, refuse: float = DEFAULT_REFUSE, model: str = ""
    ):
        if not 0 <= hold <= refuse <= 1:
            raise ImproperlyConfigured(
                f"ClassifierRule: 0 <= hold ({hold}) <= refuse ({refuse}) <= 1 is expected."
            )
        self.hold, self.refuse = hold, refuse
        self._model = None
        if model:
            try:
                self._model = Model.from_bytes(Path(model).read_bytes())
            except (OSError, ModelFileError) as error:
                raise ImproperlyConfigured(f"ClassifierRule: model {model!r}: {error}") from error

    @property
    def model(self) -> Model:
        """The model this rule scores with: its own, else the one in service."""
        return self._model or store.current_model()

    def using(self, model: Model) -> ClassifierRule:
        """This rule with the same thresholds, scoring with `model` (for trials)."""
        rule = ClassifierRule(hold=self.hold, refuse=self.refuse)
        rule._model = model
        return rule

    def check(self, text: str, context: Context) -> Finding | None:
        hold, refuse = self.hold, self.refuse
        if context.thresholds is not None:
            hold, refuse = context.thresholds.hold, context.thresholds.refuse
        score = self.model.score(text)
        if score.harm < hold:
            return None
        label = KIND_LABELS.get(score.kind, _("Propos contraires à la charte probables"))
        reason = f"{label} ({number_format(round(score.harm, 2), 2)})"
        if score.words:
            reason += " : " + ", ".join(f"« {word} »" for word in score.words)
        return Finding(
            self.code,
            REJECT if score.harm >= refuse else HOLD,
            reason,
            score=round(score.harm, 3),
            words=score.words,
            kind=score.kind,
        )


def configured_rule() -> ClassifierRule:
    """The classifier rule of MODERATION_RULES, or one with the default thresholds."""
    for rule in configured_rules():
        if isinstance(rule, ClassifierRule):
            return rule
    return ClassifierRule()


def rules_using(model: Model) -> list[Rule]:
    """The rules of MODERATION_RULES, in order, the classifier scoring with `model`: how
    benchmarks and tests try a model without installing it."""
    return [
        rule.using(model) if isinstance(rule, ClassifierRule) else rule
        for rule in configured_rules()
    ]
