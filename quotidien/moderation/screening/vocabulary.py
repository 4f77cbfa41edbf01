"""The vocabularies and patterns the rules read from `data/*.toml`, each file read once.

A list of words is written as one string, words separated by spaces or line breaks, or
as a TOML array when an entry holds a space. A regular expression is written as a TOML
literal string (no escapes), or as an array of such strings when it is long: its pieces
are joined as they are, so a space at the end of a piece counts.
"""

import functools
import re
import tomllib
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def words(value: str | list[str]) -> tuple[str, ...]:
    """The entries of a list of words, in order."""
    return tuple(value.split()) if isinstance(value, str) else tuple(value)


def pattern(value: str | list[str], flags: int = 0) -> re.Pattern[str]:
    """A regular expression written as one string or as a list of pieces."""
    return re.compile(value if isinstance(value, str) else "".join(value), flags)


@functools.cache
def vocabulary(name: str) -> dict[str, Any]:
    """The contents of `data/<name>.toml`."""
    with (DATA_DIR / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)
