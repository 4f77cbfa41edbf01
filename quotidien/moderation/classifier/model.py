"""A trained classifier as the web worker holds it: the weights of a linear model, read and
applied in plain Python.

The file is small (about a megabyte, compressed) and self-describing: a JSON header
(classes, hashing size, intercepts, scales, how it was trained and evaluated) followed
by the slots' weights (8-bit integers, one scale per class) and each slot's rarity
weight (idf, 16-bit). In memory that is about 3 MB; scoring a comment costs a few
milliseconds; nothing here imports numpy.
"""

from __future__ import annotations

import json
import math
import zlib
from array import array
from dataclasses import dataclass, field
from functools import cached_property

from . import features

MAGIC = b"QMOD1\n"
ACCEPTABLE = "acceptable"


class ModelFileError(ValueError):
    """The bytes are not a classifier written by this module."""


@dataclass(frozen=True)
class Score:
    """What the classifier says of one text: how likely it is harmful, of which kind, and
    the words that weighed most towards that kind."""

    harm: float
    kind: str
    words: tuple[str, ...] = ()


@dataclass
class Model:
    """The weights of a multinomial logistic regression over hashed features."""

    classes: list[str]
    bits: int
    intercepts: list[float]
    weights: array  # int8, slot-major: weights[slot * len(classes) + class]
    scales: list[float]  # weights[slot * len(classes) + c] * scales[c] is the real weight
    idf: array  # uint16, one per slot
    idf_scale: float  # idf[slot] * idf_scale is the real idf
    meta: dict = field(default_factory=dict)

    @cached_property
    def _acceptable(self) -> int:
        return self.classes.index(ACCEPTABLE)

    # ------------------------------------------------------------------ scoring

    def vector(self, text: str) -> dict[int, float]:
        """The text's weighted, unit-length feature vector, as slot → value."""
        counts = features.hashed(text, self.bits)
        idf = self.idf
        vector = {slot: features.sublinear(count) * idf[slot] for slot, count in counts.items()}
        # The idf's scale cancels out in the unit length.
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        return {slot: value / norm for slot, value in vector.items()}

    def probabilities(self, text: str) -> list[float]:
        """The probability of each class for `text`, in the order of `classes`."""
        return self._softmax(self._raw_scores(self.vector(text)))

    def _raw_scores(self, vector: dict[int, float]) -> list[float]:
        count = len(self.classes)
        weights = self.weights
        sums = [0.0] * count
        for slot, value in vector.items():
            base = slot * count
            for index in range(count):
                sums[index] += weights[base + index] * value
        return [
            b + s * scale for b, s, scale in zip(self.intercepts, sums, self.scales, strict=True)
        ]

    @staticmethod
    def _softmax(scores: list[float]) -> list[float]:
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def score(self, text: str, *, explain: int = 3) -> Score:
        """How likely `text` is harmful, its likeliest kind of harm, and the words that
        weighed most towards it."""
        probabilities = self.probabilities(text)
        harm = 1.0 - probabilities[self._acceptable]
        kind = self.classes[
            max(
                (i for i in range(len(self.classes)) if i != self._acceptable),
                key=probabilities.__getitem__,
            )
        ]
        words = self.explain(text, kind, limit=explain) if explain else ()
        return Score(harm=harm, kind=kind, words=words)

    def explain(self, text: str, kind: str, *, limit: int = 3) -> tuple[str, ...]:
        """The words of `text` that pushed it most towards `kind` rather than acceptable,
        as written, strongest first."""
        named, found = features.named_features(text)
        if not found:
            return ()
        vector = self.vector(text)
        count = len(self.classes)
        target, acceptable = self.classes.index(kind), self._acceptable
        mask = (1 << self.bits) - 1
        # Each slot's share of the text's value goes back to the words that produced it.
        per_slot: dict[int, list[int]] = {}
        for name, word in named:
            if word >= 0:
                per_slot.setdefault(features.slot(name, mask)[0], []).append(word)
        pushes = [0.0] * len(found)
        for slot, where in per_slot.items():
            base = slot * count
            push = vector[slot] * (
                self.weights[base + target] * self.scales[target]
                - self.weights[base + acceptable] * self.scales[acceptable]
            )
            for word in where:
                pushes[word] += push / len(where)
        # Short words (ces, ils, qui) weigh in context but tell a moderator little.
        telling = [i for i in range(len(found)) if len(found[i].folded) > 3] or range(len(found))
        ranked = sorted(telling, key=lambda i: -pushes[i])
        chosen: list[str] = []
        top = pushes[ranked[0]]
        for index in ranked:
            if pushes[index] <= 0 or pushes[index] < top / 4 or len(chosen) == limit:
                break
            if found[index].text not in chosen:
                chosen.append(found[index].text)
        return tuple(chosen)

    # ------------------------------------------------------------------ files

    def to_bytes(self) -> bytes:
        """The model as a file: magic, header length, JSON header, then the arrays."""
        header = json.dumps(
            {
                "classes": self.classes,
                "bits": self.bits,
                "intercepts": self.intercepts,
                "scales": self.scales,
                "idf_scale": self.idf_scale,
                "meta": self.meta,
            },
            ensure_ascii=False,
        ).encode()
        body = len(header).to_bytes(4, "little") + header
        body += self.weights.tobytes() + self.idf.tobytes()
        return MAGIC + zlib.compress(body, 9)

    @classmethod
    def from_bytes(cls, data: bytes) -> Model:
        """Read a model written by `to_bytes`; ModelFileError if it is not one."""
        if not data.startswith(MAGIC):
            raise ModelFileError("Ce fichier n’est pas un modèle de modération de Quotidien.")
        try:
            body = _Inflater(data[len(MAGIC) :])
            header = json.loads(body.read(int.from_bytes(body.read(4), "little")))
            slots, count = 1 << header["bits"], len(header["classes"])
            weights = body.fill(array("b"), slots * count)
            idf = body.fill(array("H"), slots)
            model = cls(
                classes=header["classes"],
                bits=header["bits"],
                intercepts=header["intercepts"],
                weights=weights,
                scales=header["scales"],
                idf=idf,
                idf_scale=header["idf_scale"],
                meta=header.get("meta", {}),
            )
        except (zlib.error, ValueError, KeyError, TypeError) as error:
            raise ModelFileError(f"Modèle de modération illisible : {error}") from error
        if len(weights) != slots * count or len(idf) != slots or body.read(1):
            raise ModelFileError("Modèle de modération tronqué ou incomplet.")
        return model


class _Inflater:
    """A zlib stream read piece by piece: a web worker never holds the whole inflated body
    beside the arrays it fills, which keeps its peak memory down."""

    PIECE = 1 << 18

    def __init__(self, data: bytes):
        self._inflate = zlib.decompressobj()
        self._input = data

    def read(self, size: int) -> bytes:
        """Up to `size` bytes more of the inflated stream."""
        out = bytearray()
        while len(out) < size:
            source = self._inflate.unconsumed_tail or self._input
            self._input = b""
            if not source:
                out += self._inflate.flush()[: size - len(out)]
                break
            out += self._inflate.decompress(source, size - len(out))
        return bytes(out)

    def fill(self, into: array, count: int) -> array:
        """`into` extended with `count` items read from the stream."""
        wanted = count * into.itemsize
        while len(into) * into.itemsize < wanted:
            piece = self.read(min(self.PIECE, wanted - len(into) * into.itemsize))
            if not piece:
                break
            into.frombytes(piece)
        return into
