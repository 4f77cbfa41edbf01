"""Web addresses (slugs) of the paper's pages: ASCII, made from the title, one per section.

The back office fills the slug from the title as the headline is typed; the server makes
the same slug from the title when the field is left empty or still holds that derived
slug. A page that was never published takes the next free one ("titre-2") when another
page of its section already has it: a draft left behind (autosaved while the form was
incomplete) must not block the next article with the same headline.
"""

import re
import tomllib
from pathlib import Path

from django.utils.text import slugify
from wagtail.admin.widgets import SlugInput
from wagtail.models import Page

with (Path(__file__).resolve().parent / "data" / "slugs.toml").open("rb") as _file:
    REPLACEMENTS: tuple[tuple[str, str], ...] = tuple(
        (text, replacement) for text, replacement in tomllib.load(_file)["replacements"]
    )

# Page.slug's length.
MAX_LENGTH = 255


def ascii_slug(text: str) -> str:
    """The ASCII slug of a title: accents folded ("avancée" → "avancee", "œ" → "oe"),
    elided articles apart ("l’armée" → "l-armee"), punctuation dropped."""
    for letters, replacement in REPLACEMENTS:
        text = text.replace(letters, replacement)
    return slugify(text, allow_unicode=False)[:MAX_LENGTH].strip("-")


def slug_input() -> SlugInput:
    """The slug field's widget: the back office's title-to-slug sync replaces what
    `ascii_slug` replaces, before folding accents as the server does."""
    return SlugInput(formatters=[(re.escape(letters), new) for letters, new in REPLACEMENTS])


def free_slug(base: str, *, parent: Page, page: Page | None = None) -> str:
    """`base`, or `base-2`, `base-3`… : the first slug no other child of `parent` has."""
    siblings = parent.get_children()
    if page is not None and page.pk is not None:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True).iterator())
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_LENGTH - len(suffix)] + suffix
    return candidate
