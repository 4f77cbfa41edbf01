"""When an entity the model found is shown to readers.

The model's guesses are often wrong on a single word (« Achille » of « talon d'Achille », a
district taken for a person), so nothing it finds is public without enough confidence or
an editor's word. An entity becomes public, and stays so (editors hide it if need be), when:

- an editor marked it reviewed in the back office;
- or the newsroom's list of known places and organisations (data/known.toml) names it;
- or it is named in at least `QUOTIDIEN_ENTITIES_MIN_ARTICLES` articles (2 by default),
  unless it is a person known by one word only (a first name, a family name alone): that
  one waits for an editor, as the model cannot tell whom it names.

The known list also gives the kind, which wins over the model's label (« Badaro » is a
place).
"""

import functools
import tomllib
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db.models import Count

from quotidien.search.names import name_key

from .models import Entity

KNOWN_FILE = Path(__file__).parent / "data" / "known.toml"
DEFAULT_MIN_ARTICLES = 2


@functools.cache
def known_kinds(path: Path = KNOWN_FILE) -> dict[str, str]:
    """The key of each known place and organisation, and its kind."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {name_key(name): kind for kind, table in data.items() for name in table["names"]}


def min_articles() -> int:
    return int(getattr(settings, "QUOTIDIEN_ENTITIES_MIN_ARTICLES", DEFAULT_MIN_ARTICLES))


def one_word_person(*, kind: str, name: str) -> bool:
    return kind == "personne" and len(name.split()) == 1


def deserves_publication(*, key: str | None, kind: str, name: str, articles: int) -> bool:
    """Whether an entity not yet public (nor reviewed) may become public."""
    if key and key in known_kinds():
        return True
    if one_word_person(kind=kind, name=name):
        return False
    return articles >= min_articles()


def publish_confident(entity_ids: Iterable[int]) -> list[int]:
    """Make public those of `entity_ids` the rule now allows; the ids made public."""
    candidates = (
        Entity.objects.filter(pk__in=list(entity_ids), public=False, merged_into__isnull=True)
        .annotate(articles=Count("article_links"))
        .only("pk", "key", "kind", "name", "reviewed")
    )
    made = [
        entity.pk
        for entity in candidates
        if entity.reviewed
        or deserves_publication(
            key=entity.key, kind=entity.kind, name=entity.name, articles=entity.articles
        )
    ]
    if made:
        Entity.objects.filter(pk__in=made).update(public=True)
    return made
