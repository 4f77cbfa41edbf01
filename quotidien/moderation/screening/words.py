"""Rules on the words of the banned and suspect lists, however they are disguised."""

from __future__ import annotations

from collections.abc import Sequence

from .analysis import analyse
from .base import HOLD, REJECT, Context, Finding, Rule, quote
from .lexicon import find, find_masked, lexicon


class BannedWords(Rule):
    """Refuse a comment that uses a banned word, however it is disguised (in look-alike
    letters, with letters doubled or singled: "saloppe"); hold it when the word is masked
    with stars, which may hide another word, or written only between quotation marks:
    "il a traité la ministre de « … », c'est honteux" reports the word to condemn it,
    which the classifier tells apart from a pretence (`Finding.quoted`)."""

    code = "banned-word"

    def check(self, text: str, context: Context) -> Finding | None:
        analysed = analyse(text)
        banned = lexicon(context.word_lists.banned)
        matches = find(banned, analysed, doubled_letters=True)
        found = [m.entry for m in matches]
        label = "Mot interdit" if len(set(found)) == 1 else "Mots interdits"
        if matches and not analysed.only_quoted(range(m.start, m.end) for m in matches):
            return self.finding(REJECT, f"{label} : {quote(found)}")
        masked = find_masked(banned, analysed)
        if matches and not masked:
            return self.finding(HOLD, f"{label}, entre guillemets : {quote(found)}", quoted=True)
        if masked:
            return self.finding(HOLD, f"Mot interdit masqué par des étoiles : {quote(masked)}")
        return None


def _said_of_oneself(tokens: Sequence[str], index: int) -> bool:
    """ "Ils nous prennent pour des imbéciles": the word is what the writer is taken for."""
    position = index - 1
    if position >= 0 and tokens[position] in ("des", "un", "une", "de", "d", "les"):
        position -= 1
    return (
        position >= 2
        and tokens[position] == "pour"
        and tokens[position - 1].startswith("pren")
        and tokens[position - 2] in ("nous", "me", "m")
    )


class SuspectWords(Rule):
    """Hold a comment that uses a word a moderator should look at."""

    code = "suspect-word"

    def check(self, text: str, context: Context) -> Finding | None:
        analysed = analyse(text)
        suspect = lexicon(context.word_lists.suspect)
        matches = [
            m for m in find(suspect, analysed) if not _said_of_oneself(analysed.tokens, m.start)
        ]
        found = [m.entry for m in matches] or find_masked(suspect, analysed)
        if found:
            label = "Mot à vérifier" if len(set(found)) == 1 else "Mots à vérifier"
            quoted = bool(matches) and analysed.only_quoted(range(m.start, m.end) for m in matches)
            where = ", entre guillemets" if quoted else ""
            return self.finding(HOLD, f"{label}{where} : {quote(found)}", quoted=quoted)
        return None
