"""Fitting the classifier with scikit-learn, and measuring it on data it never saw.

Imported by the training command and the benchmarks only: the web worker reads the
fitted weights through `model.Model` and never loads numpy, scipy or scikit-learn.

Every labelled text belongs for good to the training part or to the test part: the
part is drawn from a hash of the text, so a text a moderator judged in March and the
same text judged again in June land on the same side, and the test part of the
shipped corpus never changes between versions.
"""

from __future__ import annotations

import hashlib
import json
import math
import warnings
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import features
from .model import ACCEPTABLE, Model, SlotWeights

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
# One text in five is kept for testing.
TEST_SHARE = 5
DEFAULT_BITS = 18
DEFAULT_C = 20.0
MAX_ITERATIONS = 300


@dataclass(frozen=True)
class Example:
    """A labelled comment: its text, "acceptable" or the kind of harm, and its weight."""

    text: str
    label: str
    weight: float = 1.0
    source: str = "corpus"

    @property
    def harmful(self) -> bool:
        return self.label != ACCEPTABLE


def in_test_part(text: str) -> bool:
    """Whether `text` belongs to the frozen test part (one text in five, for good)."""
    digest = hashlib.blake2b(" ".join(text.split()).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % TEST_SHARE == 0


def split(examples: Iterable[Example]) -> tuple[list[Example], list[Example]]:
    """The training part and the frozen test part of `examples`."""
    train, test = [], []
    for example in examples:
        (test if in_test_part(example.text) else train).append(example)
    return train, test


def load_corpus(directory: Path = CORPUS_DIR) -> list[Example]:
    """The labelled comments the project ships: `*.jsonl`, one {"text", "label"} a line."""
    examples = []
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                examples.append(Example(record["text"], record["label"], source=path.stem))
            except (ValueError, KeyError) as error:
                raise ValueError(f"{path.name}, ligne {number} : {error}") from error
    return examples


# ---------------------------------------------------------------------- fitting


def feature_matrix(texts: Sequence[str], bits: int):
    """The sublinear signed counts of each text's slots, as a sparse matrix."""
    import numpy as np
    from scipy.sparse import csr_matrix

    indptr, indices, values = [0], array("i"), array("f")
    for text in texts:
        counts = features.hashed(text, bits)
        indices.extend(counts.keys())
        values.extend(features.sublinear(c) for c in counts.values())
        indptr.append(len(indices))
    return csr_matrix(
        (np.frombuffer(values, dtype=np.float32), np.frombuffer(indices, dtype=np.int32), indptr),
        shape=(len(texts), 1 << bits),
    )


def fit(
    examples: Sequence[Example],
    *,
    bits: int = DEFAULT_BITS,
    C: float = DEFAULT_C,
    meta: dict | None = None,
) -> Model:
    """A model fitted on `examples` (all of them: split before calling)."""
    import numpy as np
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import normalize

    if not any(e.label == ACCEPTABLE for e in examples) or not any(e.harmful for e in examples):
        raise ValueError("Il faut des exemples acceptables et des exemples nuisibles.")
    counts = feature_matrix([e.text for e in examples], bits)
    documents = counts.shape[0]
    frequency = np.bincount(counts.indices, minlength=1 << bits)
    idf = (np.log((1 + documents) / (1 + frequency)) + 1).astype(np.float32)
    matrix = normalize(counts.multiply(idf).tocsr(), copy=False)
    labels = [e.label for e in examples]
    classifier = LogisticRegression(
        C=C, solver="saga", max_iter=MAX_ITERATIONS, tol=1e-3, random_state=0
    )
    with warnings.catch_warnings():
        # Said in the model's description instead: contradictory labels may never converge.
        warnings.simplefilter("ignore", ConvergenceWarning)
        classifier.fit(matrix, labels, sample_weight=[e.weight for e in examples])
    classes = [str(c) for c in classifier.classes_]
    coefficients = classifier.coef_
    if len(classes) == 2:  # scikit-learn keeps one row for two classes: the second's
        coefficients = np.vstack([-coefficients[0] / 2, coefficients[0] / 2])
        intercepts = [-classifier.intercept_[0] / 2, classifier.intercept_[0] / 2]
    else:
        intercepts = list(classifier.intercept_)
    # 8 bits a weight, one scale per class: on the frozen test part the decisions are those
    # of the unrounded weights but for one text in five hundred, in a quarter of the memory.
    slot_major = np.ascontiguousarray(coefficients.T)  # slots × classes
    scales = np.abs(slot_major).max(axis=0) / 127
    scales[scales == 0] = 1.0
    weights = SlotWeights.from_dense(
        array("b", np.rint(slot_major / scales).astype(np.int8).ravel().tobytes()), len(classes)
    )
    idf_scale = float(idf.max()) / 65535
    return Model(
        classes=classes,
        bits=bits,
        intercepts=[float(i) for i in intercepts],
        weights=weights,
        scales=[float(s) for s in scales],
        idf=array("H", np.rint(idf / idf_scale).astype(np.uint16).tobytes()),
        idf_scale=idf_scale,
        meta={
            **(meta or {}),
            "features": features.VERSION,
            "C": C,
            "converged": bool(classifier.n_iter_.max() < MAX_ITERATIONS),
            "examples": len(examples),
            "labels": dict(sorted(Counter(labels).items())),
        },
    )


# ---------------------------------------------------------------------- measuring


def wilson(successes: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson interval of a proportion (0, 0 for an empty sample)."""
    if total == 0:
        return (0.0, 0.0)
    p = successes / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return (max(0.0, centre - half), min(1.0, centre + half))


def evaluate(stops: Callable[[str], bool], examples: Sequence[Example]) -> dict:
    """How `stops` (held or refused?) does on `examples`: recall on harmful ones, share of
    acceptable ones stopped, and the recall per kind, each with its 95 % interval."""
    harmful = [e for e in examples if e.harmful]
    acceptable = [e for e in examples if not e.harmful]
    caught: Counter[str] = Counter()
    for example in harmful:
        if stops(example.text):
            caught[example.label] += 1
    held = sum(1 for e in acceptable if stops(e.text))
    totals = Counter(e.label for e in harmful)

    def figure(k: int, n: int) -> dict:
        low, high = wilson(k, n)
        return {"k": k, "n": n, "value": k / n if n else 0.0, "low": low, "high": high}

    return {
        "recall": figure(sum(caught.values()), len(harmful)),
        "acceptable_held": figure(held, len(acceptable)),
        "kinds": {kind: figure(caught[kind], n) for kind, n in sorted(totals.items())},
    }
