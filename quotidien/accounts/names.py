"""Readers' display names: one reader per name as readers see it, none for the paper's staff.

A name is shown under every comment its reader writes, so two names a reader cannot tell
apart on the page are one name: « Leïla Mansour », « Leila Mansour », « LEÏLA MANSOUR »,
« Ĺeila Mansour » and « Lеïla Mansour » with a Cyrillic « е ». `display_name_key` folds a
name to the key they share, which each account stores (`User.display_name_key`) so that
a new name is compared with every other in one indexed query.

Names reserved to the paper and its staff (« Le Quotidien », « Modérateur »,
« Rédaction »…) are in data/reserved_names.toml, the letters of other scripts that imitate
Latin ones in data/lookalikes.toml.
"""

import tomllib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from quotidien.text import WORD, clean_display_name, fold_loosely

DATA = Path(__file__).parent / "data"
# Keys of the longest names NFKC can make of 60 typed characters still fit.
KEY_LENGTH = 255


def _lookalikes(path: Path) -> tuple[dict[int, str], dict[int, str]]:
    """The tables of data/lookalikes.toml for `str.translate`: capitals, then small letters."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    tables = []
    for part in ("capitals", "small"):
        table = {}
        for letter, imitations in data[part].items():
            for char in imitations:
                if ord(char) in table:
                    raise ValueError(f"{path}: « {char} » is listed twice in [{part}].")
                table[ord(char)] = letter
        tables.append(table)
    return tables[0], tables[1]


CAPITALS, SMALL = _lookalikes(DATA / "lookalikes.toml")


def _capital_i_as_l(name: str) -> str:
    """`name` with each capital « I » that follows a small letter read as the « l » it
    looks like in the paper's sans-serif type (« PauI »). An « I » that begins a word, or
    among capitals (« IBRAHIM »), is an I."""
    return "".join(
        "l" if char == "I" and i and name[i - 1].islower() else char for i, char in enumerate(name)
    )


def display_name_key(name: str) -> str:
    """What `name` looks like to a reader, as a key: without case, accents, spaces,
    punctuation or letters of another script that imitate a Latin one.
    « Leïla Mansour », « LEILA-MANSOUR » and « Lеïla Mansour » (Cyrillic « е ») → "leilamansour".
    A name with no letter or digit keys as its symbols."""
    shown = clean_display_name(name)
    folded = fold_loosely(_capital_i_as_l(shown).translate(CAPITALS)).translate(SMALL)
    key = "".join(WORD.findall(folded)) or "".join(folded.split())
    return key[:KEY_LENGTH]


@cache
def _reserved(path: Path = DATA / "reserved_names.toml") -> tuple[frozenset[str], tuple[str, ...]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return (
        frozenset(display_name_key(name) for name in data["names"]),
        tuple(display_name_key(fragment) for fragment in data["fragments"]),
    )


def is_reserved(name: str) -> bool:
    """Whether `name` passes for the paper (the SITE_NAME setting too) or for its staff."""
    names, fragments = _reserved()
    key = display_name_key(name)
    return (
        key in names
        or key == display_name_key(settings.WAGTAIL_SITE_NAME)
        or any(fragment in key for fragment in fragments)
    )


def check_display_name(name: str, *, reader=None) -> None:
    """Raise a ValidationError, in French, when `name` may not be shown under a reader's
    comments: it is reserved to the paper, or reads as the name of another account than
    `reader` (the one changing its name, if any). Codes "display_name_reserved" and
    "display_name_taken"."""
    if is_reserved(name):
        raise ValidationError(
            _("Ce nom est réservé au journal et à son équipe : choisissez-en un autre."),
            code="display_name_reserved",
        )
    others = get_user_model()._default_manager.filter(display_name_key=display_name_key(name))
    if reader is not None and reader.pk is not None:
        others = others.exclude(pk=reader.pk)
    if others.exists():
        raise ValidationError(
            _(
                "Ce nom est déjà pris par un autre lecteur. Un nom qui ne s’en distingue que "
                "par les majuscules, les accents, la ponctuation ou des lettres semblables "
                "l’est aussi : choisissez-en un autre."
            ),
            code="display_name_taken",
        )
