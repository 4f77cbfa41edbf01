"""Names of the region, however they are written in Latin letters.

A daily in Beirut writes the same name many ways (Bachar / Bashar, Dahiyé / Dahieh,
Joumblatt / Jumblat) and its readers type whichever they know. `name_key` folds a
name to a key that its common spellings share, by the rules of
data/transliteration.toml; search stores the keys of the names and hyphenated
compounds of each article beside its words (see `analysis`), and looks for the key
of every word a reader types as well as for its stem. Spellings no rule brings
together (Hezbollah / Hizballah, Saïda / Sidon) are the editors' variants table
(`variants`).
"""

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from quotidien.text import WORD, fold

from . import WORD_CACHE_SIZE

RULES_FILE = Path(__file__).parent / "data" / "transliteration.toml"
# Keys live in the index beside stems; this first character keeps them apart.
KEY_MARK = "0"


def _load_rules(path: Path = RULES_FILE) -> tuple[frozenset[str], list[tuple[re.Pattern, str]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return frozenset(data["articles"]), [
        (re.compile(pattern), replacement) for pattern, replacement in data["rules"]
    ]


ARTICLES, RULES = _load_rules()


# Forms of the article that are not French words: read as the article wherever they stand
# before another word. The others (ad-, ech-, ez-…) only when the next word begins with
# their consonant, as the article does before it (ad-Dawla, ez-Zor, an-Nahar): « et » is
# French in Seine-et-Marne.
UNMISTAKABLE_ARTICLES = frozenset({"al", "el", "ul"})


def _is_article(word: str, following: str) -> bool:
    if word not in ARTICLES or len(following) < 2:
        return False
    return word in UNMISTAKABLE_ARTICLES or following.startswith(word.lstrip("aeiou"))


def parts(text: str) -> list[str]:
    """The folded words of a name or a compound, the Arabic article written « al »:
    « el-Assad » → ["al", "assad"], « Deir ez-Zor » → ["deir", "al", "zor"]."""
    words = WORD.findall(fold(text))
    return [
        "al" if i + 1 < len(words) and _is_article(word, words[i + 1]) else word
        for i, word in enumerate(words)
    ]


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _fold_word(word: str) -> str:
    for pattern, replacement in RULES:
        word = pattern.sub(replacement, word)
    return word


def _key(chunk: str) -> str:
    """The key of one word or compound, its Arabic article left out (« el-Assad » and
    « Assad » are one name)."""
    words = parts(chunk)
    if len(words) > 1:
        words = [word for word in words if word != "al"] or words
    return "".join(_fold_word(word) for word in words)


def name_key(text: str) -> str:
    """The key of a name, the same for its usual spellings: « Bachar el-Assad »,
    « Bashar al-Assad », « Bachar Assad » → "bachar asad"; « Dahiyé », « Dahieh » → "dahi".
    The words of a compound are joined (« Alep-Est » → "alepest")."""
    return " ".join(key for chunk in text.split() if (key := _key(chunk)))


def key_term(text: str) -> str | None:
    """The term under which the index stores the key of one word or compound, or None
    for text without a word."""
    key = _key(text)
    return f"{KEY_MARK}{key}" if key else None
