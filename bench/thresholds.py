"""How the classifier's default hold threshold is chosen: cross-validation on the training
part of the shipped corpus, never on its test part, then the spent held-out sets.

    python bench/thresholds.py [--folds 4]

The training part is cut into FOLDS; each fold is scored by a model fitted on the others.
For each threshold, prints the recall on harmful comments and the share of acceptable ones
held, for the classifier alone and with the hand-written rules (an established reader's
comment, as `quotidien screen` does: what the rules find only between quotation marks
counts when the classifier holds the comment too), and the lowest threshold at which the
rules and the classifier together hold at most 8 % of acceptable comments. The threshold
in service is chosen near it with the held-out sets already spent (all but the newest):
one at which each of them meets both aims, or, when none does, the one at which they
together keep most margin on both (see README, "The classifier").
"""

import argparse
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import setup_django  # noqa: E402

THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]
MAX_HELD = 0.08


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=4)
    args = parser.parse_args()
    setup_django()
    warnings.filterwarnings("ignore", category=UserWarning)
    from quotidien.moderation.classifier import training
    from quotidien.moderation.classifier.rule import ClassifierRule
    from quotidien.moderation.screening import (
        PUBLISH,
        Context,
        configured_rules,
        decide,
        screen_comment,
    )

    train, _test = training.split(training.load_corpus())
    rules = [r for r in configured_rules() if not isinstance(r, ClassifierRule)]
    context = Context.established()
    scores = [0.0] * len(train)
    for fold in range(args.folds):
        fitted = training.fit([e for i, e in enumerate(train) if i % args.folds != fold])
        for i in range(fold, len(train), args.folds):
            scores[i] = fitted.score(train[i].text, explain=0).harm
    # What the rules stop whatever the classifier says: their findings between quotation
    # marks are dropped when it finds the comment acceptable (see `screen_comment`).
    by_rules = [
        decide(f for f in screen_comment(e.text, context, rules=rules) if not f.quoted) != PUBLISH
        for e in train
    ]
    harmful = [e.harmful for e in train]
    print(f"{len(train)} textes de la part d'entraînement, {args.folds} plis")
    print("seuil   classifieur seul (rappel, acceptables retenus)   avec les règles")
    chosen = None
    for threshold in THRESHOLDS:
        alone = [s >= threshold for s in scores]
        both = [a or r for a, r in zip(alone, by_rules, strict=True)]
        figures = []
        for stops in (alone, both):
            caught = sum(s for s, h in zip(stops, harmful, strict=True) if h) / sum(harmful)
            held = sum(s for s, h in zip(stops, harmful, strict=True) if not h) / (
                len(harmful) - sum(harmful)
            )
            figures += [caught, held]
        if chosen is None and figures[3] <= MAX_HELD:
            chosen = threshold
        print(
            f"{threshold:4.2f}    {figures[0]:6.1%}  {figures[1]:6.1%}"
            f"                              {figures[2]:6.1%}  {figures[3]:6.1%}"
        )
    print(f"seuil retenu (acceptables retenus <= {MAX_HELD:.0%} avec les règles) : {chosen}")


if __name__ == "__main__":
    main()
