"""What every screening rule deals in: verdicts, findings, the word lists, the context of a
comment, and the `Rule` base class."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

REJECT = "reject"
HOLD = "hold"
PUBLISH = "publish"

WORDLISTS_DIR = Path(__file__).resolve().parent.parent / "wordlists"


@dataclass(frozen=True)
class Finding:
    """What one rule found: its stable code, a verdict and a reason in French.

    A statistical classifier also gives its probability (`score`), the words that
    weighed most (`words`) and the kind of harm it found (`kind`, a code of the charter's
    `RefusalReason`: what its reader is told a refusal is for). `quoted` says that the
    rule found its words only between quotation marks, with words of the writer's own
    around them: a report of what someone else said, which a rule that reads the whole
    comment judges (see `Rule.judges_quotations`). Findings are stored with the comment
    through `dataclasses.asdict`, so every field must be serialisable to JSON.
    """

    rule: str
    verdict: str
    reason: str
    score: float | None = None
    words: tuple[str, ...] = ()
    kind: str = ""
    quoted: bool = False


@dataclass(frozen=True)
class Thresholds:
    """The probabilities from which a section's classifier holds or refuses a comment.

    Rules other than the classifier ignore them.
    """

    hold: float
    refuse: float


@dataclass(frozen=True)
class WordLists:
    """The four editable word lists (entries as written, one per item)."""

    banned: frozenset[str]
    suspect: frozenset[str]
    dehumanising: frozenset[str]
    groups: frozenset[str]


def parse_word_list(text: str) -> frozenset[str]:
    """The entries of a word list: one per line, blank lines and `#` comments skipped."""
    entries = set()
    for line in text.lstrip("\ufeff").splitlines():
        entry = " ".join(line.split("#", 1)[0].split()).lower()
        if entry:
            entries.add(entry)
    return frozenset(entries)


@functools.lru_cache(maxsize=1)
def default_word_lists() -> WordLists:
    """The lists shipped in `moderation/wordlists/*.txt`, read once."""

    def read(kind: str) -> frozenset[str]:
        return parse_word_list((WORDLISTS_DIR / f"{kind}.txt").read_text(encoding="utf-8"))

    return WordLists(
        banned=read("banned"),
        suspect=read("suspect"),
        dehumanising=read("dehumanising"),
        groups=read("groups"),
    )


@dataclass(frozen=True)
class Context:
    """Everything a rule may need besides the text of the comment: the word lists in
    force, what its author posted lately, and the section's classifier thresholds."""

    word_lists: WordLists
    recent_texts: Sequence[str] = ()
    comments_last_minute: int = 0
    published_comments: int = 0
    account_age: timedelta = timedelta(days=365)
    thresholds: Thresholds | None = None

    @classmethod
    def established(
        cls, word_lists: WordLists | None = None, thresholds: Thresholds | None = None
    ) -> Context:
        """The context of an established reader: an old account with five comments
        published and nothing posted lately, so that only the text is judged."""
        return cls(
            word_lists=default_word_lists() if word_lists is None else word_lists,
            published_comments=5,
            thresholds=thresholds,
        )


class Rule:
    """One check of the screening, named with its OPTIONS in settings.MODERATION_RULES.

    A subclass sets `code`, the stable name stored in its findings, takes its OPTIONS as
    keyword arguments and implements `check`. A rule is built once per process and
    shared between requests: it keeps no state about the comments it reads.

    A rule that `judges_quotations` reads a comment as a whole and tells a reader who
    quotes a slur to condemn it from one who endorses it: when it finds nothing, the other
    rules' findings marked `quoted` are dropped.
    """

    code: str = ""
    judges_quotations: bool = False

    def __init__(self, **options) -> None:
        if options:
            raise TypeError(f"{type(self).__name__} takes no options: {', '.join(options)}.")

    def check(self, text: str, context: Context) -> Finding | None:
        """What the rule finds in `text`, posted in `context`, or None."""
        raise NotImplementedError("subclasses of Rule must provide a check() method")

    def finding(self, verdict: str, reason: str, *, quoted: bool = False) -> Finding:
        """A finding of this rule; `quoted` if what it found is only between quotation
        marks, in a comment that reports it."""
        return Finding(self.code, verdict, reason, quoted=quoted)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code!r}>"


def quote(entries: Iterable[str]) -> str:
    """The entries between French quotation marks, once each: « a », « b »."""
    return ", ".join(f"« {e} »" for e in dict.fromkeys(entries))
