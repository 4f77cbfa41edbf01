"""The editors' name variants, applied to the readers' queries.

A row of `NameVariants` names spellings that search treats as one name: a reader who
types any of them finds articles written with any other. The table is applied when a
query is read, not when articles are indexed: an editor's change counts for the next
search, without indexing the archive again. The transliteration rules (`names`) need
no row: « Bashar » finds « Bachar » by itself.
"""

from functools import lru_cache

from django.db.models.signals import post_delete, post_save

from quotidien.pagecache import versions
from quotidien.pagecache.reads import KeptReads

from . import analysis, names

# The version token of the table: search results kept elsewhere depend on it too.
TOKEN = "search-variants"
# Spellings of one name, at most (each is looked for as a phrase and as a key).
MAX_FORMS = 12
# Words of the longest spelling matched in a query.
MAX_WORDS = 4

_kept = KeptReads("name-variants", size=1)

Phrase = tuple[str, ...]


def _read_table() -> dict[str, tuple[str, ...]]:
    from .models import NameVariants

    table = {}
    for row in NameVariants.objects.all():
        forms = tuple(row.forms)
        for form in forms:
            table.setdefault(names.name_key(form), forms)
    table.pop("", None)
    return table


def table() -> dict[str, tuple[str, ...]]:
    """Every spelling's key (`names.name_key`) → all the spellings of its name."""
    return _kept.get("table", _read_table, depends_on=(TOKEN,))


@lru_cache(maxsize=10_000)
def form_phrases(form: str) -> tuple[Phrase, ...]:
    """How one spelling is looked for: its terms as a phrase, and its key when it is one
    word or compound."""
    phrases = []
    if phrase := tuple(analysis.terms(form)):
        phrases.append(phrase)
    tokens = analysis.tokens(form)
    if len(tokens) == 1 and (key := analysis.typed_key(tokens[0])):
        phrases.append((key,))
    return tuple(phrases)


def spellings_of(text: str) -> tuple[Phrase, ...]:
    """The phrases of every spelling of the name `text` is one of, or () if none."""
    forms = table().get(names.name_key(text), ())
    return tuple(dict.fromkeys(phrase for form in forms for phrase in form_phrases(form)))


def word_by_word(words: list[str]) -> list[tuple[Phrase, ...]] | None:
    """For the words of a name of several words (« nabih berri »), the phrases of the
    words at the same place in its other spellings of as many words (« Nabih Birri »);
    None when the words spell no name, or when its other spellings differ in length
    (« État islamique », « Daech »: the name is then one phrase)."""
    forms = table().get(names.name_key(" ".join(words)), ())
    same_length = [form.split() for form in forms if len(form.split()) == len(words)]
    if len(same_length) < 2 or len(same_length) < len(forms):
        return None
    return [
        tuple(dict.fromkeys(phrase for form in same_length for phrase in form_phrases(form[i])))
        for i in range(len(words))
    ]


def table_changed(**kwargs) -> None:
    versions.bump(TOKEN)


def connect() -> None:
    from .models import NameVariants

    post_save.connect(table_changed, sender=NameVariants, dispatch_uid="search-variants-saved")
    post_delete.connect(table_changed, sender=NameVariants, dispatch_uid="search-variants-deleted")
