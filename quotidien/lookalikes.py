"""Text read as a reader sees it: letters of other scripts that imitate Latin ones read as
those, and characters that show nothing dropped.

One folding for readers' names (`quotidien.accounts.names`) and for the comment screening
(`quotidien.moderation.screening.analysis`): « Lеïla » with a Cyrillic « е » is « Leïla »,
« ᴄᴏɴɴᴀʀᴅ » in small capitals is « connard ». The characters are in data/lookalikes.toml,
the digits read as letters inside words in data/digits_as_letters.toml.
It goes further than `quotidien.text.fold_loosely`, which the moderation classifier's
features are computed with and stays as its model was trained.
"""

import re
import tomllib
from pathlib import Path

from quotidien.text import fold_loosely

DATA = Path(__file__).parent / "data" / "lookalikes.toml"


def _table(path: Path, data: dict, part: str) -> dict[int, str]:
    """One table of the data file, for `str.translate`."""
    table = {}
    for letter, imitations in data[part].items():
        for char in imitations:
            if ord(char) in table:
                raise ValueError(f"{path}: « {char} » is listed twice in [{part}].")
            table[ord(char)] = letter
    return table


def _tables(path: Path) -> tuple[dict[int, str], dict[int, str], dict[int, str], re.Pattern]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    capitals, small = _table(path, data, "capitals"), _table(path, data, "small")
    # Case folding leaves some capitals as they are and turns small letters into them
    # (Cherokee): they are read after folding too.
    for code, letter in capitals.items():
        if chr(code).casefold() == chr(code):
            small.setdefault(code, letter)
    hidden = re.compile("[" + "".join(data["hidden"]["ranges"]) + "]")
    return capitals, small, _table(path, data, "digits_in_names"), hidden


def _digits_as_letters(path: Path) -> dict[str, str]:
    """A digit written for a letter, and that letter: {"0": "o", "1": "i", …}."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {chr(code): letter for code, letter in _table(path, data, "digits_as_letters").items()}


CAPITALS, SMALL, DIGITS_IN_NAMES, _HIDDEN = _tables(DATA)
DIGITS_AS_LETTERS = _digits_as_letters(DATA.with_name("digits_as_letters.toml"))


def without_hidden(text: str) -> str:
    """`text` without the characters that show nothing which `quotidien.text` keeps:
    variation selectors (the « ️ » after an emoji), tag characters, the Mongolian vowel
    separator, the grapheme joiner. A word they cut is whole again."""
    return _HIDDEN.sub("", text)


def as_latin(text: str) -> str:
    """`text` folded as `fold_loosely` does (no case, accents or invisible characters), with
    the characters that imitate a Latin letter read as that letter: « ᴘᴜᴛᴇ », « рuтe »
    (Cyrillic « р » and « т ») and « Ｐｕｔｅ » → « pute ». Digits stay digits."""
    return fold_loosely(without_hidden(text).translate(CAPITALS)).translate(SMALL)
