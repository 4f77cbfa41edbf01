"""Readers' display names: one reader per name as readers see it, none for the paper's staff.

A name is shown under every comment its reader writes, so two names a reader cannot tell
apart on the page are one name: « Leïla Mansour », « Leila Mansour », « LEÏLA MANSOUR »,
« Ĺeila Mansour » and « Lеïla Mansour » with a Cyrillic « е ». `display_name_key` folds a
name to the key they share, which each account stores (`User.display_name_key`) so that
a new name is compared with every other in one indexed query.

Names reserved to the paper and its staff (« Le Quotidien », « Modérateur »,
« Rédaction »…) are in data/reserved_names.toml; the letters of other scripts that
imitate Latin ones (« ᒪeïla » with a Canadian syllabic, « Samir Ꭰ. » with a Cherokee
letter) are read as those by `quotidien.lookalikes`, as the comment screening reads them.
The names of the paper's authors and of its staff's accounts are a reader's neither, even
with something after them in brackets or after a comma, a dash, a colon or a bar
(« Karim Haddad (journaliste) », « Karim Haddad, journaliste »), nor written with digits
for letters or a letter doubled (« Kar1m Haddad », « Karim Haddadd »): the comment would
pass for the journalist's. Nor is a link (« www.exemple.com », « spam.example/promo »),
found as the comment screening finds links.
"""

import re
import tomllib
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from quotidien.lookalikes import DIGITS_AS_LETTERS, DIGITS_IN_NAMES, as_latin
from quotidien.moderation.screening.links import links_in
from quotidien.text import WORD, clean_display_name

DATA = Path(__file__).parent / "data"
# Keys of the longest names NFKC can make of 60 typed characters still fit.
KEY_LENGTH = 255
# What a name may end with that does not make it another: « (journaliste) », « [lecteur] »,
# and whatever follows a comma, a colon, a bar, a slash or a dash (« , journaliste »,
# « – rédaction »; a hyphen only between spaces: « Jean-Pierre » is one name).
SUFFIX = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
AFTER_SEPARATOR = re.compile(r"\s*(?:[,;:|/·•–—]|\s-\s).*$", re.DOTALL)
# Digits read as the letters they look like (quotidien/data/lookalikes.toml); « 1 » both
# as « i » and as « l ».
READINGS_OF_DIGITS = [str.maketrans({**DIGITS_AS_LETTERS, "1": one}) for one in "il"]
DOUBLED = re.compile(r"(.)\1+")


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
    folded = as_latin(_capital_i_as_l(shown)).translate(DIGITS_IN_NAMES)
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


def _keys_without_suffixes(name: str) -> set[str]:
    """The keys of `name` and of what is left of it without its endings."""
    keys = {display_name_key(name)}
    if (before := AFTER_SEPARATOR.sub("", name)).strip():
        keys.add(display_name_key(before))
    while (shorter := SUFFIX.sub("", name)) != name and shorter.strip():
        name = shorter
        keys.add(display_name_key(name))
    return keys


def skeletons(key: str) -> set[str]:
    """What a name's key reads as with its digits read as letters and its doubled letters
    as one: « kar1mhaddadd » → {"karimhadad", "karlmhadad"}. Two names that share one
    are the same name to a reader's eye."""
    return {DOUBLED.sub(r"\1", key.translate(table)) for table in READINGS_OF_DIGITS}


def _is_staff(user) -> bool:
    return user is not None and user.pk is not None and user.enters_back_office()


def passes_for_newsroom(name: str, *, reader=None) -> bool:
    """Whether `name` reads, once its ending is left out (see SUFFIX), as the name of one of
    the paper's authors (unless `reader` is staff: they may sign as in the paper) or of an
    account of its staff other than `reader`, digits and doubled letters read as
    `skeletons` reads them."""
    read_as = set().union(*(skeletons(key) for key in _keys_without_suffixes(name)))
    newsroom = []
    if not _is_staff(reader):
        authors = apps.get_model("news", "Author")._default_manager.values_list("name", flat=True)
        newsroom += [display_name_key(author) for author in authors.iterator()]
    staff = (
        get_user_model()
        ._default_manager.filter(
            Q(is_superuser=True)
            | Q(is_staff=True)
            | Q(
                groups__permissions__codename="access_admin",
                groups__permissions__content_type__app_label="wagtailadmin",
            )
            | Q(
                user_permissions__codename="access_admin",
                user_permissions__content_type__app_label="wagtailadmin",
            )
        )
        .exclude(display_name_key="")
        .distinct()
    )
    if reader is not None and reader.pk is not None:
        staff = staff.exclude(pk=reader.pk)
    newsroom += staff.values_list("display_name_key", flat=True)
    return any(skeletons(key) & read_as for key in newsroom)


def check_display_name(name: str, *, reader=None) -> None:
    """Raise a ValidationError, in French, when `name` may not be shown under a reader's
    comments: it is a link (an address, a domain, a shortened link: shown under every
    comment, it would advertise), is reserved to the paper, passes for one of its authors
    or staff (`passes_for_newsroom`), or reads as the name of another account than
    `reader` (the one changing its name, if any). Codes "display_name_link",
    "display_name_reserved", "display_name_newsroom" and "display_name_taken"."""
    if links_in(name):
        raise ValidationError(
            _(
                "Un nom affiché ne peut pas être un lien ni une adresse de site : "
                "choisissez-en un autre."
            ),
            code="display_name_link",
        )
    if is_reserved(name):
        raise ValidationError(
            _("Ce nom est réservé au journal et à son équipe : choisissez-en un autre."),
            code="display_name_reserved",
        )
    if passes_for_newsroom(name, reader=reader):
        raise ValidationError(
            _(
                "Ce nom est celui d’un auteur ou d’un membre de l’équipe du journal : vos "
                "commentaires passeraient pour les siens. Choisissez-en un autre."
            ),
            code="display_name_newsroom",
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
