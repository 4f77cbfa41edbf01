"""Screening benchmark: how well and how fast the rules screen labelled reader comments.

    python bench/screening.py [SET.toml ...] [--seconds 2]

For each labelled set (by default bench/screening/comments.toml, then unseen*.toml) prints the
recall on the harmful comments (held or refused), the share of acceptable comments held or
refused, and the misses by category. Then the throughput of `screen_comment` over all the
texts, as a ratio to two references measured in the same run: `str.lower` over the same texts,
and a naive screening (is any banned entry a substring of the lowered text?).
The rules are those of settings.MODERATION_RULES; comments are screened for an established
reader (`Context.established`), so the new-account rule stays silent.
"""

import argparse
import time
import tomllib
from collections import Counter
from pathlib import Path

from common import ROOT, setup_django

setup_django()  # puts the project on the path, and MODERATION_RULES in reach

from quotidien.moderation.screening import (  # noqa: E402
    PUBLISH,
    Context,
    decide,
    default_word_lists,
    screen_comment,
)

DATA = ROOT / "bench" / "screening"
# comments.toml first, then the held-out batches in the order they were written.
SETS = [DATA / "comments.toml", *sorted(DATA.glob("unseen*.toml"))]


def load(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["comment"]


ESTABLISHED = Context.established()


def outcome(text: str) -> tuple[str, list]:
    findings = screen_comment(text, ESTABLISHED)
    return decide(findings), findings


def report(path: Path) -> None:
    comments = load(path)
    harmful = [c for c in comments if c["harmful"]]
    acceptable = [c for c in comments if not c["harmful"]]
    missed, held = Counter(), Counter()
    lines = []
    for comment in comments:
        verdict, findings = outcome(comment["text"])
        stopped = verdict != PUBLISH
        if stopped != comment["harmful"]:
            (missed if comment["harmful"] else held)[comment["category"]] += 1
            why = "; ".join(f.reason for f in findings) or "publié"
            lines.append(f"    [{comment['category']}] {comment['text'][:90]!r} -> {why}")
    recall = 1 - sum(missed.values()) / len(harmful)
    held_share = sum(held.values()) / len(acceptable)
    print(f"{path.relative_to(ROOT)}: {len(harmful)} nuisibles, {len(acceptable)} acceptables")
    print(f"  rappel sur les nuisibles : {recall:.3f}   (objectif >= 0.9)")
    print(f"  acceptables retenus      : {held_share:.3f}   (objectif <= 0.10)")
    per_category = Counter(c["category"] for c in comments)
    for category in sorted(per_category):
        total = per_category[category]
        right = total - missed[category] - held[category]
        print(f"    {category:22} {right:3d}/{total:<3d} justes")
    if lines:
        print("  erreurs :")
        print("\n".join(lines))


def per_second(work, texts: list[str], seconds: float) -> float:
    """Texts handled per second by `work`, over whole passes lasting about `seconds`."""
    done, started = 0, time.perf_counter()
    passes = 0
    while True:
        # A distinct invisible suffix per pass so no pass is served from a per-text cache.
        suffix = "\u200b" * passes
        for text in texts:
            work(text + suffix)
        done += len(texts)
        passes += 1
        elapsed = time.perf_counter() - started
        if elapsed >= seconds:
            return done / elapsed


def throughput(texts: list[str], seconds: float) -> None:
    banned = [entry.lower() for entry in default_word_lists().banned]

    def naive(text: str) -> bool:
        lowered = text.lower()
        return any(entry in lowered for entry in banned)

    lower = per_second(str.lower, texts, seconds)
    reference = per_second(naive, texts, seconds)
    screening = per_second(lambda text: outcome(text), texts, seconds)
    print(f"débit sur {len(texts)} textes :")
    print(f"  str.lower              {lower:12,.0f} textes/s")
    print(f"  sous-chaîne interdite  {reference:12,.0f} textes/s")
    print(
        f"  screen_comment         {screening:12,.0f} textes/s   "
        f"(x{lower / screening:,.0f} plus lent que str.lower, "
        f"x{reference / screening:,.1f} que la recherche naïve)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=SETS)
    parser.add_argument("--seconds", type=float, default=2.0, help="durée de chaque mesure")
    args = parser.parse_args()
    texts = []
    for path in args.sets:
        path = path.resolve()
        report(path)
        texts += [c["text"] for c in load(path)]
        print()
    throughput(texts, args.seconds)


if __name__ == "__main__":
    main()
