"""French text analysis: the same words for the indexed articles and for the readers' queries.

A word is lower-cased and stripped of its accents by `quotidien.text.fold`
(« Genève » and « geneve » are one word), dropped if it is a French stop word, then
reduced to its stem by the Snowball French algorithm (« incendies » → « incend »),
with two additions for forms the algorithm leaves apart once accents are gone:
feminine past participles (« évacuées » like « évacués ») and verbs in the third
person plural (« annoncent » like « annonce »).

Both databases receive these stems ready-made, so SQLite and PostgreSQL match
exactly the same articles for the same query.
"""

import threading
import unicodedata
from functools import lru_cache

import Stemmer

from quotidien.text import WORD, fold

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
# A stem shorter than this stays whole when its plural ending is taken off.
MIN_STEM = 4


_local = threading.local()


def _french_stemmer() -> Stemmer.Stemmer:
    """This thread's Snowball French stemmer: one is not safe to share between threads."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        # No cache of its own: `stem` keeps its results.
        stemmer = _local.stemmer = Stemmer.Stemmer("french", 0)
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one folded word (see the module's docstring for the additions)."""
    if len(word) > MIN_STEM and word.endswith("ee"):
        word = word[:-1]
    elif len(word) > MIN_STEM + 1 and word.endswith("ees"):
        word = word[:-2]
    stemmed = _french_stemmer().stemWord(word)
    if stemmed.endswith("ent") and len(stemmed) - 3 >= MIN_STEM:
        stemmed = stemmed[:-3]
    return stemmed


def words(text: str) -> list[str]:
    """The folded words of `text`, stop words included, in order."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=500_000)
def term_of(word: str) -> str | None:
    """The term of one word as written (any case, any accents), or None for a stop word."""
    folded = "".join(WORD.findall(fold(word)))
    return None if not folded or folded in STOP_WORDS else stem(folded)


def terms(text: str) -> list[str]:
    """What is indexed or searched for `text`: the stems of its words, stop words left out."""
    # Words are cut before folding (NFC first, so that accents stay inside words) and each
    # distinct word is folded and stemmed once, which makes indexing an archive fast.
    return list(filter(None, map(term_of, WORD.findall(unicodedata.normalize("NFC", text)))))
