"""Training benchmark: how long retraining the comment classifier takes, and its memory.

    python bench/training.py [--decisions 20000]

Does what `quotidien train_moderation` does, on the shipped corpus plus DECISIONS
moderators' decisions: fits the classifier, then scores the test part with the new
version and the one in service. The decisions are made up from the corpus: each is a
corpus text with words dropped, doubled or swapped and a reader's aside added, so that
they are as many and as long as real comments (their vocabulary is the corpus's: real
decisions would bring new words, and a somewhat larger matrix). Prints the time to turn
the texts into features, to fit, to evaluate, and the process's peak memory. The reference in the
same run is the time scikit-learn takes to fit the same matrix with the stochastic
gradient descent of `SGDClassifier` (one pass over the data per epoch, five epochs).
"""

import argparse
import random
import resource
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotidien.moderation.classifier import training  # noqa: E402
from quotidien.moderation.classifier.training import Example  # noqa: E402

ASIDES = [
    "Je le dis depuis des années.",
    "Merci pour l'article.",
    "Enfin quelqu'un qui ose.",
    "Bref.",
    "Voilà ce que j'en pense.",
    "On verra bien aux prochaines élections.",
    "Yalla, khalas.",
]


def made_up_decisions(corpus: list[Example], count: int, seed: int = 7) -> list[Example]:
    rng = random.Random(seed)
    decisions = []
    for _ in range(count):
        source = rng.choice(corpus)
        words = source.text.split()
        if len(words) > 4:
            for _ in range(rng.randint(1, 3)):
                i = rng.randrange(len(words))
                action = rng.random()
                if action < 0.4:
                    del words[i]
                elif action < 0.7:
                    words.insert(i, words[i])
                else:
                    j = rng.randrange(len(words))
                    words[i], words[j] = words[j], words[i]
        if rng.random() < 0.5:
            words.append(rng.choice(ASIDES))
        decisions.append(Example(" ".join(words), source.label, weight=2.0, source="decisions"))
    return decisions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=20_000)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", category=UserWarning)
    corpus = training.load_corpus()
    train, test = training.split(corpus + made_up_decisions(corpus, args.decisions))
    print(f"{len(train):,} exemples d'entraînement ({len(corpus):,} du corpus + décisions)")

    started = time.perf_counter()
    matrix = training.feature_matrix([e.text for e in train], training.DEFAULT_BITS)
    featured = time.perf_counter() - started
    print(f"  caractéristiques : {featured:6.1f} s  ({matrix.nnz:,} valeurs non nulles)")

    from sklearn.linear_model import SGDClassifier
    from sklearn.preprocessing import normalize

    started = time.perf_counter()
    SGDClassifier(loss="log_loss", max_iter=5, tol=None).fit(
        normalize(matrix), [e.label for e in train]
    )
    reference = time.perf_counter() - started
    del matrix

    started = time.perf_counter()
    model = training.fit(train)
    total = time.perf_counter() - started
    started = time.perf_counter()
    for _version in ("new", "current"):  # as train_moderation measures both
        training.evaluate(lambda text: model.score(text, explain=0).harm >= 0.4, test)
    evaluation = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  entraînement complet (caractéristiques comprises) : {total:6.1f} s")
    print(f"  évaluation de deux versions sur {len(test):,} textes de test : {evaluation:6.1f} s")
    print(f"  en tout, comme train_moderation : {total + evaluation:6.1f} s")
    print(f"  référence SGDClassifier, 5 passes : {reference:6.1f} s  (x{total / reference:.1f})")
    print(f"  mémoire de pointe du processus : {peak:,.0f} Mo")
    print(f"  modèle : {len(model.to_bytes()) / 1e6:.1f} Mo, classes {model.classes}")


if __name__ == "__main__":
    main()
