"""The rule against floods: emoji, one character or one word over and over."""

from __future__ import annotations

import re

from .analysis import analyse
from .base import HOLD, Context, Finding, Rule

_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u3030\u303d\u3297\u3299"
_EMOJI_RUN = re.compile(rf"(?:[{_EMOJI}][\ufe0f\u200d\U0001f3fb-\U0001f3ff\s]*){{10,}}")
_REPEATED_CHARACTER = re.compile(r"([^\W\d_]|[!?*#+])\1{19,}")


class Flood(Rule):
    """Hold ten emoji or more in a row, one character twenty times, or one word five times."""

    code = "flood"

    def check(self, text: str, context: Context) -> Finding | None:
        if _EMOJI_RUN.search(text):
            return self.finding(HOLD, "Suite d’émojis")
        if _REPEATED_CHARACTER.search(text):
            return self.finding(HOLD, "Caractère répété à la suite")
        words = [t for t in analyse(text).tokens if t[0].isalnum()]
        run = 1
        for previous, word in zip(words, words[1:], strict=False):
            run = run + 1 if word == previous else 1
            if run >= 5:
                return self.finding(HOLD, f"Mot répété à la suite : « {word} »")
        return None
