"""Rules on the author's history rather than the text: the same comment again, too many
comments in a minute, the first comment of a new account."""

from __future__ import annotations

from datetime import timedelta

from quotidien.text import WORD, fold_loosely

from .base import HOLD, REJECT, Context, Finding, Rule


def _canonical(text: str) -> str:
    return " ".join(WORD.findall(fold_loosely(text)))


class Duplicate(Rule):
    """Refuse a comment its author has just posted already (same words, any case or accents).

    OPTIONS: `min_characters`, below which a text may honestly be written twice
    ("Bravo !", "Merci").
    """

    code = "duplicate"

    def __init__(self, *, min_characters: int = 20) -> None:
        super().__init__()
        self.min_characters = min_characters

    def check(self, text: str, context: Context) -> Finding | None:
        canonical = _canonical(text)
        if len(canonical) < self.min_characters:
            return None
        if any(_canonical(previous) == canonical for previous in context.recent_texts):
            return self.finding(
                REJECT, "Commentaire identique à un commentaire récent du même auteur"
            )
        return None


class Rate(Rule):
    """Hold the comments of an account posting faster than a person writes.

    OPTIONS: `per_minute`, how many comments an account may post in a minute before the
    next ones are held.
    """

    code = "rate"

    def __init__(self, *, per_minute: int = 3) -> None:
        super().__init__()
        self.per_minute = per_minute

    def check(self, text: str, context: Context) -> Finding | None:
        if context.comments_last_minute >= self.per_minute:
            count = context.comments_last_minute + 1
            return self.finding(HOLD, f"Trop de commentaires en une minute ({count})")
        return None


class NewAccount(Rule):
    """Hold the comments of a new account as long as none of them is published.

    OPTIONS: `hours`, the age under which an account is new.
    """

    code = "new-account"

    def __init__(self, *, hours: float = 24) -> None:
        super().__init__()
        self.age = timedelta(hours=hours)

    def check(self, text: str, context: Context) -> Finding | None:
        if context.published_comments == 0 and context.account_age < self.age:
            return self.finding(HOLD, "Premier commentaire d’un nouveau compte")
        return None
