"""French text analysis: the same words for the indexed articles and for the readers' queries.

A word is lower-cased and stripped of its accents by `quotidien.text.fold`
(« Genève » and « geneve » are one word), dropped if it is a French stop word, then
reduced to its stem by the Snowball French algorithm (« incendies » → « incend »),
with additions for forms the algorithm leaves apart once accents are gone: feminine
past participles (« évacuées » like « évacués »), verbs in the third person plural
(« annoncent » like « annonce »), plurals of words the algorithm cuts when singular
(« retraits » like « retrait »), plurals it keeps whole (« convois » like « convoi »,
« feux » like « feu »), and the words of data/stemming.toml, which keeps
apart words the algorithm would join once accents are gone (« refuge », « réfugiés »).

A hyphenated compound (« Alep-Est », « Moyen-Orient », « el-Assad ») gives the terms
of its parts in order, stop words included (« est » is a part of « Alep-Est », not a
verb), the Arabic article written « al ». Names (capitalised words) and compounds
also give a key (`names.key_term`), which the index stores after the field's terms,
so that phrases are not broken: a reader's word is looked for by its stem and its
key, and « Bashar » finds « Bachar ».

Both databases receive these terms ready-made, so SQLite and PostgreSQL match
exactly the same articles for the same query.
"""

import re
import threading
import tomllib
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import Stemmer

from quotidien.text import WORD, fold

from . import WORD_CACHE_SIZE, names

# A word or a hyphenated compound, as written (before folding).
TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Dashes that word processors put in compounds (« Alep–Est »), and the soft hyphen,
# which only tells where a word may be cut.
DASH_IN_WORD = re.compile("(?<=[^\\W_])[\u2010-\u2013\u2212\ufe63\uff0d](?=[^\\W_])")
SOFT_HYPHEN = "\u00ad"
# What ends a sentence, and what may stand between it and the next word.
SENTENCE_END = frozenset(".!?…\n")
BEFORE_WORD = " \t\u00a0\u202f\"'«»“”‘’()[]—–-"
_STEMMING = tomllib.loads(
    (Path(__file__).parent / "data" / "stemming.toml").read_text(encoding="utf-8")
)
OVERRIDES = _STEMMING["overrides"]
# Stems in a vowel that keep their form, not their plural's (see `stem`).
SINGULAR_STEMS = frozenset(_STEMMING["singular_stems"]["keep"])

# Words too common to tell articles apart, written without accents (they are compared
# after folding). « été » is absent: it is also the summer.
STOP_WORDS = frozenset(
    """
    a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions
    aurons auront aux avaient avais avait avec avez aviez avions avoir avons ayant ayez ayons
    c ca ce ceci cela celle celles celui ces cet cette ceux d dans de des du elle elles en es est
    et etaient etais etait etant etes etiez etions etre eu eue eues eurent eus eut eux fut furent
    il ils j je l la le les leur leurs lui m ma mais me meme memes mes moi mon n ne nos notre
    nous on ont ou par pas pour qu que quel quelle quelles quels qui s sa se sera serai seraient
    serais serait seras serez seriez serions serons seront ses soi soient sois soit sommes son
    sont suis sur t ta te tes toi ton tu un une vos votre vous y
    """.split()
)
# Subjects after their verb, joined to it by hyphens: « dit-il », « a-t-elle », « est-ce ».
INVERTED = frozenset({"je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce", "t"})
# « el » and « al » are not French words: wherever they stand, they are the article.
ARABIC_ARTICLE = frozenset({"al", "el"})
# A stem shorter than this stays whole when its plural ending is taken off.
MIN_STEM = 4
# Opens a bag of words (see `word_bag`): no word, nor the end of a sentence, so that the
# bag's first word is read as any other.
BAG_MARK = "·"


_local = threading.local()


def _french_stemmer() -> Stemmer.Stemmer:
    """This thread's Snowball French stemmer: one is not safe to share between threads."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        # No cache of its own: `stem` keeps its results.
        stemmer = _local.stemmer = Stemmer.Stemmer("french", 0)
    return stemmer


@lru_cache(maxsize=WORD_CACHE_SIZE)
def stem(word: str) -> str:
    """The stem of one folded word (see the module's docstring for the additions)."""
    if word in OVERRIDES:
        return OVERRIDES[word]
    if len(word) > MIN_STEM and word.endswith("ee"):
        word = word[:-1]
    elif len(word) > MIN_STEM + 1 and word.endswith("ees"):
        word = word[:-2]
    elif len(word) > MIN_STEM + 1 and word.endswith("ts"):
        # The plural as its singular: Snowball cuts « retrait » to « retr » and « conflit »
        # to « confl » (as if the verb's -ait, -it) but leaves « retraits » whole.
        word = word[:-1]
    stemmer = _french_stemmer()
    stemmed = stemmer.stemWord(word)
    if stemmed.endswith("ent") and len(stemmed) - 3 >= MIN_STEM:
        stemmed = stemmed[:-3]
    elif (
        len(stemmed) >= 3
        and stemmed[-1] in "aiou"
        and stemmed[-2:] not in ("au", "eu")
        and stemmed not in SINGULAR_STEMS
        and stemmer.stemWord(stemmed + "s") == stemmed + "s"
    ):
        # A plural in -s after a vowel, which Snowball keeps (« convois », « élus »): the
        # singular's term is the plural's.
        stemmed += "s"
    elif stemmed == word and stemmed[-3:] in ("eux", "aux") and len(stemmed) < 7:
        # A short plural in -x, which Snowball keeps (« feux », « lieux »): the plural's
        # term is the singular's.
        stemmed = stemmed[:-1]
    return stemmed


def words(text: str) -> list[str]:
    """The folded words of `text`, stop words included, in order."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def term_of(word: str) -> str | None:
    """The term of one word as written (any case, any accents), or None for a stop word."""
    folded = "".join(WORD.findall(fold(word)))
    if folded in ARABIC_ARTICLE:
        return "al"
    return None if not folded or folded in STOP_WORDS else stem(folded)


def _part_term(part: str) -> str:
    return part if part in STOP_WORDS else stem(part)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def token_terms(token: str) -> tuple[tuple[str, ...], str | None]:
    """The terms of one word or compound as written, and its key (None for a word that is
    not a name): « Alep-Est » → (("alep", "est"), "0alepest")."""
    if "-" not in token:
        term = term_of(token)
        if term is None:
            return (), None
        return (term,), names.key_term(token) if token[0].isupper() else None
    parts = names.parts(token)
    if len(parts) == 1:
        return token_terms(parts[0])
    if INVERTED.issuperset(parts[1:]):
        # « dit-il », « est-ce », « a-t-on »: a verb and its subject, words as any others.
        return tuple(term for part in parts if (term := term_of(part))), None
    return tuple(map(_part_term, parts)), names.key_term(token)


def typed_key(token: str) -> str | None:
    """The key a word or compound of a reader's query is looked for by, whatever its case:
    readers type names in lower case. (In an article only names and compounds have one,
    see `token_terms`.)"""
    return names.key_term(token)


def _normalised(text: str) -> str:
    # NFC first, so that accents stay inside words.
    text = unicodedata.normalize("NFC", text).replace(SOFT_HYPHEN, "")
    return DASH_IN_WORD.sub("-", text)


def tokens(text: str) -> list[str]:
    """The words and compounds of `text` as written, in order."""
    return TOKEN.findall(_normalised(text))


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(BEFORE_WORD)
    return not before or before[-1] in SENTENCE_END


def terms(text: str) -> list[str]:
    """What is searched for `text`: the stems of its words, stop words left out but for
    the parts of compounds."""
    # Each distinct word is folded and stemmed once, which makes indexing an archive fast.
    return [term for token in tokens(text) for term in token_terms(token)[0]]


def index_terms(text: str) -> list[str]:
    """What is indexed for one field's `text` (see `index_fields`)."""
    return index_fields([text])[0]


def index_fields(texts: Sequence[str]) -> list[list[str]]:
    """What is indexed for each field of a document: its terms in order, then the keys of
    its names and compounds (after the terms, so that they never come between the words
    of a phrase).

    A capital that opens a sentence makes no name of « Guerre » or « Salle »: a word
    there has its key only when the document also writes it with a capital elsewhere
    (« Joumblatt réunit ses partisans », then « Walid Joumblatt a dit »).
    """
    fields = [
        [(match, _opens_sentence(text, match.start())) for match in TOKEN.finditer(text)]
        for text in map(_normalised, texts)
    ]
    names_inside = {match.group() for found in fields for match, opens in found if not opens}
    indexed = []
    for found in fields:
        field_terms, keys = [], []
        for match, opens in found:
            token = match.group()
            token_stems, key = token_terms(token)
            field_terms += token_stems
            if key is not None and (not opens or "-" in token or token in names_inside):
                keys.append(key)
        indexed.append(field_terms + keys)
    return indexed


def _sentence_tokens(text: str) -> list[tuple[str, bool]]:
    """The words and compounds of `text` as written, each with whether it opens a sentence."""
    text = _normalised(text)
    return [(match.group(), _opens_sentence(text, match.start())) for match in TOKEN.finditer(text)]


def word_bag(texts: Sequence[str], *, elsewhere: Sequence[str] = ()) -> str:
    """The words of `texts` as a bag: a text that `index_fields` reads into the same terms
    and keys, but each once and in alphabetical order, which tells nothing of the texts'
    own order nor of how often a word comes. A subscriber article's locked text is indexed
    so: found by any of its words, by none of its phrases.

    A capital that opens a sentence makes a name of the word, as `index_fields` has it,
    only if the word is also written so inside a sentence, in `texts` or `elsewhere` (the
    article's other fields).
    """
    found = [token for text in texts for token in _sentence_tokens(text)]
    inside = {token for token, opens in found if not opens}
    inside.update(
        token for text in elsewhere for token, opens in _sentence_tokens(text) if not opens
    )
    bag: dict[tuple, str] = {}
    for token, opens in found:
        if opens and "-" not in token and token not in inside:
            token = token.lower()
        terms, key = token_terms(token)
        if terms or key:
            bag.setdefault((terms, key), token)
    if not bag:
        return ""
    return " ".join([BAG_MARK, *sorted(bag.values(), key=lambda token: (fold(token), token))])
