"""Screening benchmark: how well and how fast the screening holds harmful comments it never saw.

    python bench/screening.py [SET.jsonl|SET.toml ...] [--errors] [--seconds 2]

By default measures the eleven frozen held-out sets, each written apart from the training
corpus and never trained on: bench/screening/heldout-2/ first, the set of record, measured
once the model was final; then bench/screening/heldout/, the first set, whose results were
seen while the corpus still grew (see its README: spent for tuning purposes); then
bench/screening/heldout-3/, comments never seen by the project, the reference page's five
among them, written and measured once the model was in service; then
bench/screening/heldout-4/ to bench/screening/heldout-11/, other sets of comments never
seen, written and measured the same way. For each set: how many of its texts the corpus
holds word for word (case and accents aside: short reactions that writers who never read
each other write alike); then three screenings of an established reader's comments: the
hand-written rules alone, the shipped classifier alone (at its hold threshold), and both
as settings.MODERATION_RULES configures them. For each: the recall on harmful comments
(held or refused) and the share of acceptable ones held or refused, each with its 95 %
Wilson interval, and the recall per kind. Then the time to screen one comment (p50, p95,
max), the time to load the model, the throughput as a ratio to a naive screening measured
in the same run (is any banned entry a substring of the lowered text?), and the process's
peak memory.
"""

import argparse
import functools
import json
import re
import resource
import sys
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, percentile, setup_django  # noqa: E402

HELD_OUT = [
    ROOT / "bench" / "screening" / "heldout-2" / "comments.jsonl",
    ROOT / "bench" / "screening" / "heldout" / "comments.jsonl",
    ROOT / "bench" / "screening" / "heldout-3" / "comments.jsonl",
    ROOT / "bench" / "screening" / "heldout-4" / "comments.jsonl",
    ROOT / "bench" / "screening" / "heldout-5" / "comments.jsonl",
    ROOT / "bench" / "screening" / "heldout-6" / "comments.jsonl",
    ROOT / "bench" / "screening" / "heldout-7" / "comments.jsonl",
    ROOT / "bench" / "screening" / "heldout-8" / "comments.jsonl",
    ROOT / "bench" / "screening" / "heldout-9" / "comments.jsonl",
    ROOT / "bench" / "screening" / "heldout-10" / "comments.jsonl",
    ROOT / "bench" / "screening" / "heldout-11" / "comments.jsonl",
]
AIMS = {"recall": 0.9, "held": 0.10}


def load(path: Path) -> list[dict]:
    """{"text", "label"} records of a JSON-lines set, or of a TOML set of the rules' era."""
    if path.suffix == ".toml":
        return [
            {"text": c["text"], "label": c["category"] if c["harmful"] else "acceptable"}
            for c in tomllib.loads(path.read_text(encoding="utf-8"))["comment"]
        ]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def screenings():
    """Three ways of screening: rules alone, classifier alone, both as configured."""
    from quotidien.moderation.classifier import store
    from quotidien.moderation.classifier.rule import ClassifierRule, rules_using
    from quotidien.moderation.screening import PUBLISH, Context, decide, screen_comment

    configured = rules_using(store.shipped_model())
    classifier = next((r for r in configured if isinstance(r, ClassifierRule)), None)
    rules = [r for r in configured if not isinstance(r, ClassifierRule)]
    context = Context.established()

    def stops(rule_list):
        return lambda text: decide(screen_comment(text, context, rules=rule_list)) != PUBLISH

    ways = {"règles seules": stops(rules)}
    if classifier:
        ways["classifieur seul"] = stops([classifier])
    ways["règles + classifieur"] = stops(configured)
    return ways, configured, context


def words(text: str) -> tuple[str, ...]:
    from quotidien.text import fold

    return tuple(re.findall(r"\w+", fold(text)))


@functools.cache
def corpus_texts() -> frozenset[tuple[str, ...]]:
    """The training corpus's texts as their words, case and accents aside."""
    from quotidien.moderation.classifier.training import load_corpus

    return frozenset(words(example.text) for example in load_corpus())


def report(path: Path, ways, show_errors: bool) -> None:
    from quotidien.moderation.classifier.report import figure
    from quotidien.moderation.classifier.training import Example, evaluate

    records = load(path)
    examples = [Example(r["text"], r["label"]) for r in records]
    harmful = sum(e.harmful for e in examples)
    print(f"{path.relative_to(ROOT)} : {harmful} nuisibles, {len(examples) - harmful} acceptables")
    # Writers who never read each other still write « Merci pour l'article » alike.
    same = [w for w in map(words, (e.text for e in examples)) if w in corpus_texts()]
    print(
        f"  mot pour mot dans le corpus : {len(same)} texte{'s' if len(same) > 1 else ''}, "
        f"dont {sum(len(w) <= 5 for w in same)} de cinq mots au plus"
    )
    for name, stops in ways.items():
        figures = evaluate(stops, examples)
        print(f"  {name}")
        print(f"    nuisibles retenus   {figure(figures['recall'])}   (objectif >= 90 %)")
        print(f"    acceptables retenus {figure(figures['acceptable_held'])}   (objectif <= 10 %)")
        for kind, values in figures["kinds"].items():
            print(f"      {kind:22} {figure(values)}")
    if show_errors:
        stops = ways["règles + classifieur"]
        print("  erreurs (règles + classifieur) :")
        for example in examples:
            if stops(example.text) != example.harmful:
                print(f"    [{example.label}] {example.text[:100]!r}")


def timing(texts: list[str], configured, context, seconds: float) -> None:
    from quotidien.moderation.classifier import store
    from quotidien.moderation.classifier.model import Model
    from quotidien.moderation.screening import decide, default_word_lists, screen_comment

    data = store.SHIPPED.read_bytes()
    started = time.perf_counter()
    Model.from_bytes(data)
    load = time.perf_counter() - started

    durations = []
    for text in texts:
        started = time.perf_counter()
        decide(screen_comment(text + "\u200b", context, rules=configured))
        durations.append((time.perf_counter() - started) * 1000)
    banned = [entry.lower() for entry in default_word_lists().banned]

    def naive(text: str) -> bool:
        lowered = text.lower()
        return any(entry in lowered for entry in banned)

    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for text in texts:
            naive(text)
        done += len(texts)
    reference = done / (time.perf_counter() - started)
    screening = len(texts) / (sum(durations) / 1000)
    print(f"temps par commentaire sur {len(texts)} textes (règles + classifieur) :")
    print(
        f"  p50 {percentile(durations, 0.5):.1f} ms, p95 {percentile(durations, 0.95):.1f} ms, "
        f"max {max(durations):.1f} ms   (objectif p95 < 20 ms)"
    )
    print(
        f"  {screening:,.0f} textes/s, x{reference / screening:,.0f} plus lent que la recherche "
        f"naïve d'un mot interdit ({reference:,.0f} textes/s)"
    )
    print(f"chargement du modèle : {load * 1000:.0f} ms   (objectif < 1 s)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"mémoire de pointe du processus : {peak:.0f} Mo")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=HELD_OUT)
    parser.add_argument("--errors", action="store_true", help="montrer les textes mal jugés")
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    setup_django()
    ways, configured, context = screenings()
    texts = []
    for path in args.sets:
        path = path.resolve()
        report(path, ways, args.errors)
        texts += [r["text"] for r in load(path)]
        print()
    timing(texts, configured, context, args.seconds)


if __name__ == "__main__":
    main()
