"""What a reader typed, understood: the words to find, the phrases, the words to exclude.

The syntax is the one readers know from search engines: words (all must match),
"a phrase in quotes" (its words next to each other), `-mot` or `-"une phrase"` to
exclude. Anything else (operators, brackets, unbalanced quotes, SQL) is just text:
only its words count. A query that cannot be searched raises `QueryError` with a
message for the reader, in French.

Each word, compound or phrase of the query is a group that matches in several ways,
any of which will do: its terms (a phrase), the key of a name or a compound
(`names`: « Bashar » finds « Bachar »), and the other spellings the editors gave
the name (`variants`: « Hizballah » finds « Hezbollah »).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import analysis, variants

MAX_QUERY_LENGTH = 200
MAX_GROUPS = 12
# French and typographic quotes are quotes too.
QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "＂": '"'})
CHUNK = re.compile(r'(?P<minus>-?)"(?P<phrase>[^"]*)"|(?P<minus2>-?)(?P<word>[^\s"]+)')

Phrase = tuple[str, ...]  # one term, or the terms of a phrase in order
Group = tuple[Phrase, ...]  # phrases any of which matches


class QueryError(ValueError):
    """A query that cannot be searched; `str(error)` is the reader's message."""


class Highlights(frozenset):
    """What results mark of a query: the terms (and keys) of its single words, marked
    wherever they stand, and `phrases`, the terms of its phrases and compounds in order,
    marked only where the whole of one stands (« port de Beyrouth », not every « port »)."""

    phrases: tuple[Phrase, ...]

    def __new__(cls, terms=(), phrases=()):
        highlights = super().__new__(cls, terms)
        highlights.phrases = tuple(dict.fromkeys(phrases))
        return highlights

    def __repr__(self) -> str:
        return f"Highlights({set(self)!r}, phrases={self.phrases!r})"


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: groups of terms that must all match, and groups that must not."""

    text: str
    required: tuple[Group, ...]
    excluded: tuple[Group, ...] = ()
    # The same groups as the reader wrote them, for engines that analyse text themselves.
    required_words: tuple[str, ...] = ()
    excluded_words: tuple[str, ...] = ()

    @property
    def terms(self) -> Highlights:
        """What to highlight in results: the terms (and keys) of the words, but not the
        Arabic article alone, which would mark every « Al » and « El » of a snippet; the
        phrases (a quoted phrase, a compound, a name of several words) as wholes."""
        phrases = [phrase for group in self.required for phrase in group]
        return Highlights(
            (phrase[0] for phrase in phrases if len(phrase) == 1 and phrase[0] != "al"),
            (phrase for phrase in phrases if len(phrase) > 1),
        )


def chunk_group(chunk: str) -> Group:
    """The ways a chunk of a query (a word, a compound, or a quoted phrase) may match:
    empty when it holds only stop words or signs."""
    # Elided words (« l’Iraq », « d’Alep ») and other stop words are left out first, so
    # that the name they stand before is still looked for by its key.
    tokens = [token for token in analysis.tokens(chunk) if analysis.token_terms(token)[0]]
    if len(tokens) != 1:
        phrase = tuple(analysis.terms(chunk))
        if not phrase:
            return ()
        keys = _keys_in_order(tokens)
        # Keys start with names.KEY_MARK, which no term does: never the phrase itself.
        return (phrase, keys) if len(keys) > 1 else (phrase,)
    phrase = analysis.token_terms(tokens[0])[0]
    if not phrase:
        return ()
    # A reader types names in lower case: the key of any word is looked for.
    key = analysis.typed_key(tokens[0])
    return (phrase, (key,)) if key and (key,) != phrase else (phrase,)


def _keys_in_order(tokens: list[str]) -> Phrase:
    """The keys of the words of a name of several words (« Bashar al-Assad »), as a phrase:
    the index stores the keys of a field's names in the order they come, after its words,
    so that « Bachar el-Assad » is found written in full however it is spelt. The Arabic
    article standing alone has no key there (it is no name)."""
    return tuple(
        key
        for token in tokens
        if analysis.token_terms(token)[0] != ("al",) and (key := analysis.typed_key(token))
    )


def _group(chunk: str, spellings: tuple[Phrase, ...] | None = None) -> Group:
    """`chunk_group`, with the other spellings the editors gave the name it spells
    (`spellings` when they are known already)."""
    group = chunk_group(chunk)
    if spellings is None:
        spellings = variants.spellings_of(chunk)
    if group and spellings:
        return tuple(dict.fromkeys(group + spellings))
    return group


def _chunks(quoted: str) -> list[tuple[bool, str, tuple[Phrase, ...] | None]]:
    """The query's chunks: (excluded?, text, other spellings or None to look them up).

    Plain words that together spell a name of the variants table are matched word by
    word to its other spellings (« nabih berri », « Nabih Birri »), or made one chunk
    when they do not have as many words (« état islamique », « Daech »).
    """
    found = [
        (bool(match["minus"] or match["minus2"]), match["phrase"] or match["word"] or "")
        for match in CHUNK.finditer(quoted)
    ]
    chunks, i = [], 0
    while i < len(found):
        for size in range(min(variants.MAX_WORDS, len(found) - i), 1, -1):
            run = found[i : i + size]
            words = [text for _, text in run]
            if any(minus for minus, _ in run) or not variants.spellings_of(" ".join(words)):
                continue
            if (aligned := variants.word_by_word(words)) is not None:
                chunks += [(False, word, extra) for word, extra in zip(words, aligned, strict=True)]
            else:
                chunks.append((False, " ".join(words), None))
            i += size
            break
        else:
            chunks.append((*found[i], None))
            i += 1
    return chunks


def parse_query(text: str) -> SearchQuery:
    """Understand what a reader typed; raise `QueryError` when there is nothing to search."""
    text = " ".join((text or "").split())
    if not text:
        raise QueryError(_("Saisissez un ou plusieurs mots pour rechercher dans nos articles."))
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(
            _("Votre recherche est trop longue : %(max)d caractères au plus, s’il vous plaît.")
            % {"max": MAX_QUERY_LENGTH}
        )
    quoted = text.translate(QUOTES)
    if quoted.count('"') % 2:
        # An unbalanced quote: the last one is dropped, what follows is plain words.
        head, _quote, tail = quoted.rpartition('"')
        quoted = f"{head} {tail}"
    required: dict[Group, str] = {}
    excluded: dict[Group, str] = {}
    seen: set[frozenset] = set()
    for minus, chunk, spellings in _chunks(quoted):
        # A chunk is one group, so that « porte-conteneurs » stays one phrase; two spellings
        # of one name are one group.
        if (group := _group(chunk, spellings)) and (minus, frozenset(group)) not in seen:
            seen.add((minus, frozenset(group)))
            words = " ".join(analysis.WORD.findall(chunk))
            (excluded if minus else required).setdefault(group, words)
    if not analysis.words(text):
        raise QueryError(
            _("Saisissez au moins un mot : votre recherche ne contient que des signes.")
        )
    if not required and excluded:
        raise QueryError(
            _("Indiquez au moins un mot à chercher en plus des mots à exclure (précédés de « - »).")
        )
    if not required:
        raise QueryError(
            _(
                "Votre recherche ne contient que des mots trop courants (le, de, pour…) : "
                "précisez-la."
            )
        )
    return SearchQuery(
        text=text,
        required=tuple(required)[:MAX_GROUPS],
        excluded=tuple(excluded)[:MAX_GROUPS],
        required_words=tuple(required.values())[:MAX_GROUPS],
        excluded_words=tuple(excluded.values())[:MAX_GROUPS],
    )
