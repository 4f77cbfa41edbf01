"""A trained classifier as the web worker holds it: the weights of a linear model, read and
applied in plain Python.

The file is small (about a megabyte, compressed) and self-describing: a JSON header
(classes, hashing size, intercepts, scales, how it was trained and evaluated) followed
by the slots' weights (8-bit integers, one scale per class) and each slot's rarity
weight (idf, 16-bit). In memory only the slots with a weight are kept (about a third of
them: L1-like shrinkage and rounding leave the rest at 0), some 1.7 MB in all; scoring a
comment costs a few milliseconds; nothing here imports numpy.
"""

from __future__ import annotations

import functools
import json
import math
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from django.utils.translation import gettext as _

from . import features

MAGIC = b"QMOD1\n"
ACCEPTABLE = "acceptable"


UNWEIGHED_WORDS = Path(__file__).resolve().parent / "unweighed_words.txt"


@functools.cache
def _unweighed_words() -> frozenset[str]:
    """Words never shown as weighing: articles, pronouns, auxiliaries (a data file)."""
    lines = UNWEIGHED_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(
        features.fold(word) for line in lines for word in line.split("#", 1)[0].split()
    )


@dataclass(frozen=True)
class _Reading:
    named: list[tuple[str, int]]
    slots: list[int]
    words: list[features.Word]
    vector: dict[int, float]


class ModelFileError(ValueError):
    """The bytes are not a classifier written by this module."""


@dataclass(frozen=True)
class Score:
    """What the classifier says of one text: how likely it is harmful, of which kind, and
    the words that weighed most towards that kind."""

    harm: float
    kind: str
    words: tuple[str, ...] = ()


class SlotWeights:
    """The weights of each hashing slot, one 8-bit integer per class, kept for the slots
    where one is not 0: their numbers in order, and their rows of weights."""

    def __init__(self, classes: int, size: int):
        self.classes = classes
        self.size = size  # slots in all, with or without weights
        self.slots = array("I")
        self.rows = array("b")

    @classmethod
    def from_dense(cls, dense: array, classes: int) -> SlotWeights:
        """From all the slots' rows, slot-major: dense[slot * classes + class]."""
        weights = cls(classes, len(dense) // classes)
        weights.add_rows(dense.tobytes(), first=0)
        return weights

    def add_rows(self, data: bytes, *, first: int) -> None:
        """Keep the rows with a weight among `data`, whole rows of slots from `first` on."""
        width, empty = self.classes, bytes(self.classes)
        for start in range(0, len(data), width):
            row = data[start : start + width]
            if row != empty:
                self.slots.append(first + start // width)
                self.rows.frombytes(row)

    def row(self, slot: int) -> int | None:
        """Where `slot`'s weights start in `rows`; None when it has none (all 0)."""
        index = bisect_left(self.slots, slot)
        if index < len(self.slots) and self.slots[index] == slot:
            return index * self.classes
        return None

    def dense(self) -> array:
        """All the slots' rows, slot-major, as the model file holds them."""
        dense = array("b", [0]) * (self.size * self.classes)
        width = self.classes
        for index, slot in enumerate(self.slots):
            row = self.rows[index * width : (index + 1) * width]
            dense[slot * width : (slot + 1) * width] = row
        return dense


@dataclass
class Model:
    """The weights of a multinomial logistic regression over hashed features."""

    classes: list[str]
    bits: int
    intercepts: list[float]
    weights: SlotWeights
    scales: list[float]  # a weight of class c times scales[c] is the real weight
    idf: array  # uint16, one per slot
    idf_scale: float  # idf[slot] * idf_scale is the real idf
    meta: dict = field(default_factory=dict)

    @cached_property
    def _acceptable(self) -> int:
        return self.classes.index(ACCEPTABLE)

    # ------------------------------------------------------------------ scoring

    def _read(self, text: str) -> _Reading:
        """The text's features, their slots and its weighted, unit-length vector."""
        named, found = features.named_features(text)
        counts, slots = features.count_slots(named, self.bits)
        idf = self.idf
        vector = {slot: features.sublinear(count) * idf[slot] for slot, count in counts.items()}
        # The idf's scale cancels out in the unit length.
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        vector = {slot: value / norm for slot, value in vector.items()}
        return _Reading(named=named, slots=slots, words=found, vector=vector)

    def probabilities(self, text: str) -> list[float]:
        """The probability of each class for `text`, in the order of `classes`."""
        return self._probabilities(self._read(text).vector)

    def _probabilities(self, vector: dict[int, float]) -> list[float]:
        count = len(self.classes)
        weights, rows = self.weights, self.weights.rows
        sums = [0.0] * count
        for slot, value in vector.items():
            base = weights.row(slot)
            if base is None:
                continue
            for index in range(count):
                sums[index] += rows[base + index] * value
        scores = [
            b + s * scale for b, s, scale in zip(self.intercepts, sums, self.scales, strict=True)
        ]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def score(self, text: str, *, explain: int = 3) -> Score:
        """How likely `text` is harmful, its likeliest kind of harm, and the words that
        weighed most towards it (at most `explain` of them)."""
        reading = self._read(text)
        probabilities = self._probabilities(reading.vector)
        harm = 1.0 - probabilities[self._acceptable]
        kind = max(
            (i for i in range(len(self.classes)) if i != self._acceptable),
            key=probabilities.__getitem__,
        )
        words = self._explain(reading, kind, limit=explain) if explain else ()
        return Score(harm=harm, kind=self.classes[kind], words=words)

    def _explain(self, reading: _Reading, kind: int, *, limit: int) -> tuple[str, ...]:
        """The words that pushed the text most towards class `kind` rather than acceptable,
        as written, strongest first; words that only hold a sentence together are left
        out (they weigh in context, but tell a moderator nothing)."""
        found = reading.words
        if not found:
            return ()
        acceptable = self._acceptable
        # Each slot's share of the text's value goes back to the words that produced it.
        per_slot: dict[int, list[int]] = {}
        for (_name, word), slot in zip(reading.named, reading.slots, strict=True):
            if word >= 0:
                per_slot.setdefault(slot, []).append(word)
        pushes = [0.0] * len(found)
        rows = self.weights.rows
        for slot, where in per_slot.items():
            base = self.weights.row(slot)
            if base is None:
                continue
            push = reading.vector[slot] * (
                rows[base + kind] * self.scales[kind]
                - rows[base + acceptable] * self.scales[acceptable]
            )
            for word in where:
                pushes[word] += push / len(where)
        skipped = _unweighed_words()
        telling = [i for i in range(len(found)) if found[i].folded not in skipped]
        chosen: list[str] = []
        ranked = sorted(telling, key=lambda i: -pushes[i])
        for index in ranked:
            if pushes[index] <= 0 or pushes[index] < pushes[ranked[0]] / 4:
                break
            if found[index].text not in chosen:
                chosen.append(found[index].text)
            if len(chosen) == limit:
                break
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
        body += self.weights.dense().tobytes() + self.idf.tobytes()
        return MAGIC + zlib.compress(body, 9)

    @staticmethod
    def header(data: bytes) -> dict:
        """The JSON header of a model file, without reading its weights."""
        if not data.startswith(MAGIC):
            raise ModelFileError(_("Ce fichier n’est pas un modèle de modération de Quotidien."))
        body = _Inflater(data[len(MAGIC) :])
        return json.loads(body.read(int.from_bytes(body.read(4), "little")))

    @classmethod
    def from_bytes(cls, data: bytes) -> Model:
        """Read a model written by `to_bytes`; ModelFileError if it is not one."""
        if not data.startswith(MAGIC):
            raise ModelFileError(_("Ce fichier n’est pas un modèle de modération de Quotidien."))
        try:
            body = _Inflater(data[len(MAGIC) :])
            header = json.loads(body.read(int.from_bytes(body.read(4), "little")))
            _check(header)
            slots, count = 1 << header["bits"], len(header["classes"])
            weights = body.slot_weights(count, slots)
            idf = body.fill("H", slots)
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
        except ModelFileError:
            raise
        except (zlib.error, ValueError, KeyError, TypeError) as error:
            raise ModelFileError(
                _("Modèle de modération illisible (%(error)s).") % {"error": error}
            ) from error
        # The arrays are whole, or reading them raised: only a longer stream is left.
        if body.read(1):
            raise ModelFileError(_("Modèle de modération tronqué ou incomplet."))
        return model


def _check(header) -> None:
    """Refuse a header that does not describe a model this code can apply."""
    if not isinstance(header, dict):
        raise ModelFileError(_("Modèle de modération illisible (en-tête)."))
    classes = header.get("classes")
    if not isinstance(classes, list) or ACCEPTABLE not in classes or len(classes) < 2:
        raise ModelFileError(_("Modèle de modération sans la classe « acceptable »."))
    if not isinstance(header.get("bits"), int) or not 8 <= header["bits"] <= 24:
        raise ModelFileError(_("Modèle de modération illisible (taille du hachage)."))
    if not len(header.get("scales", ())) == len(header.get("intercepts", ())) == len(classes):
        raise ModelFileError(_("Modèle de modération illisible (poids des classes)."))
    if header.get("meta", {}).get("features") != features.VERSION:
        raise ModelFileError(
            _(
                "Ce modèle a été entraîné avec une autre version des caractéristiques : "
                "entraînez-en un nouveau avec « quotidien train_moderation »."
            )
        )


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

    def slot_weights(self, classes: int, slots: int) -> SlotWeights:
        """The slots' weights read from the stream, `slots` rows of `classes` bytes, only
        those with a weight kept; ModelFileError if the stream ends before."""
        weights = SlotWeights(classes, slots)
        piece_rows = self.PIECE // classes
        for first in range(0, slots, piece_rows):
            wanted = min(piece_rows, slots - first) * classes
            piece = self.read(wanted)
            if len(piece) != wanted:
                raise ModelFileError(_("Modèle de modération tronqué ou incomplet."))
            weights.add_rows(piece, first=first)
        return weights

    def fill(self, typecode: str, count: int) -> array:
        """An array of `count` items of `typecode` read from the stream; ModelFileError if
        the stream ends before."""
        # Made at its size at once: grown piece by piece, it is copied at each growth and
        # leaves the heap strewn with the copies.
        into = array(typecode, [0]) * count
        bytes_view = memoryview(into).cast("B")
        done, wanted = 0, len(bytes_view)
        while done < wanted:
            piece = self.read(min(self.PIECE, wanted - done))
            if not piece:
                raise ModelFileError(_("Modèle de modération tronqué ou incomplet."))
            bytes_view[done : done + len(piece)] = piece
            done += len(piece)
        return into
