"""Automatic screening of reader comments before they are published.

Each rule is a plain function `screen_xxx(submission, lists)` that returns a `Finding` (a
verdict and a reason a moderator can read, in French) or None. `screen_comment` runs the
rules, then any statistical scorers, and `decide` turns the findings into "publish", "hold"
or "reject". Nothing here touches the database: the posting service gathers the author's
history into a `Submission` and the word lists in force into a `WordLists`.

Words are compared after folding: case, accents, ligatures, repeated letters ("connnard"),
digits or signs standing for letters ("c0nnard", "s@lope"), letters spelt out one by one
("c.o.n.n.a.r.d"), elisions (l', d', qu') and the usual plural and feminine endings.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Protocol

from quotidien.text import WORD
from quotidien.text import fold_loosely as fold

logger = logging.getLogger(__name__)

REJECT = "reject"
HOLD = "hold"
PUBLISH = "publish"

WORDLISTS_DIR = Path(__file__).resolve().parent / "wordlists"

# More comments than this in one minute by one account (not counting the new one) are held.
RATE_LIMIT_PER_MINUTE = 3
# An account younger than this with nothing published yet has its first comment held.
NEW_ACCOUNT_AGE = timedelta(days=1)
# Shouting: at least this share of capitals among at least this many cased letters.
SHOUTING_MIN_LETTERS = 20
SHOUTING_SHARE = 0.7
# Shorter texts ("Bravo !", "Merci") may honestly be written twice.
DUPLICATE_MIN_CHARACTERS = 20


@dataclass(frozen=True)
class Finding:
    """What one rule found: a stable code, a verdict and a reason in French."""

    rule: str
    verdict: str
    reason: str


@dataclass(frozen=True)
class WordLists:
    """The four editable word lists (entries as written, one per item)."""

    banned: frozenset[str]
    suspect: frozenset[str]
    dehumanising: frozenset[str]
    groups: frozenset[str]


@dataclass(frozen=True)
class Submission:
    """A comment about to be posted, with what the screening needs of its author's history."""

    text: str
    recent_texts: Sequence[str] = ()
    comments_last_minute: int = 0
    published_comments: int = 0
    account_age: timedelta = timedelta(days=365)


Rule = Callable[[Submission, WordLists], Finding | None]


class Scorer(Protocol):
    """A statistical classifier: given the text, a finding or None."""

    def __call__(self, text: str) -> Finding | None: ...


# ---------------------------------------------------------------------------- word lists


def parse_word_list(text: str) -> frozenset[str]:
    """The entries of a word list: one per line, blank lines and `#` comments skipped."""
    entries = set()
    for line in text.lstrip("\ufeff").splitlines():
        entry = " ".join(line.split("#", 1)[0].split()).lower()
        if entry:
            entries.add(entry)
    return frozenset(entries)


@functools.lru_cache(maxsize=1)
def default_word_lists() -> WordLists:
    """The lists shipped in `wordlists/*.txt`, read once."""

    def read(kind: str) -> frozenset[str]:
        return parse_word_list((WORDLISTS_DIR / f"{kind}.txt").read_text(encoding="utf-8"))

    return WordLists(
        banned=read("banned"),
        suspect=read("suspect"),
        dehumanising=read("dehumanising"),
        groups=read("groups"),
    )


# ---------------------------------------------------------------------------- folding

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


_LEET_DIGITS = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"}
_LEET_SIGNS = {"@": "a", "$": "s", "€": "e"}
_LEET_BETWEEN = {"!": "i", "|": "l"}
_LEET_CANDIDATE = re.compile(r"\S*[^\W\d_]\S*")
_LEET_ANY = re.compile(r"[0134578@$€!|]")


def _deleet(chunk: str, one: str = "i") -> str:
    """Read digits and signs standing for letters inside a word ("c0nn4rd", "s@lope")."""
    if not any(c in _LEET_DIGITS or c in _LEET_SIGNS or c in _LEET_BETWEEN for c in chunk):
        return chunk
    letters = sum(c.isalpha() for c in chunk)
    if letters < 2:
        return chunk
    out = []
    for i, c in enumerate(chunk):
        before = chunk[i - 1].isalpha() if i else False
        after = chunk[i + 1].isalpha() if i + 1 < len(chunk) else False
        if c in _LEET_DIGITS and (before or after):
            out.append(one if c == "1" else _LEET_DIGITS[c])
        elif c in _LEET_SIGNS and (before or after):
            out.append(_LEET_SIGNS[c])
        elif c in _LEET_BETWEEN and before and after:
            out.append(_LEET_BETWEEN[c])
        else:
            out.append(c)
    return "".join(out)


# Three or more single letters joined by one same separator: "c.o.n", "c o n", "c-o-n".
_SPELT_OUT = re.compile(r"(?<![^\W\d_])[^\W\d_]([.\-_*· ])[^\W\d_](?:\1[^\W\d_])+(?![^\W\d_])")
_TOKEN = re.compile(r"[^\W_]+|[,:=?!.;…]")
_SENTENCE_END = frozenset(".!;…")
_LONG_RUN = re.compile(r"(\w)\1{2,}")


def spellings(word: str) -> frozenset[str]:
    """What a word may stand for once letters repeated three times or more are read as one
    or two ("connnard" → "connard", "idiooot" → "idiot"); doubled letters are kept ("année").
    """
    pieces = _LONG_RUN.split(word)  # text, letter, text, letter, …, text
    if len(pieces) == 1:
        return frozenset((word,))
    if len(pieces) > 7:  # more than three long runs: not worth every combination
        return frozenset((_LONG_RUN.sub(r"\1", word), _LONG_RUN.sub(r"\1\1", word)))
    found = {pieces[0]}
    for index in range(1, len(pieces), 2):
        letter, after = pieces[index], pieces[index + 1]
        found = {f + letter * n + after for f in found for n in (1, 2)}
    return frozenset(found)


def _join_spelt_out(text: str) -> str:
    return _SPELT_OUT.sub(lambda m: m.group(0).replace(m.group(1), ""), text)


@dataclass(frozen=True, eq=False)  # hashed by identity: one object per text, from _analyse
class _Text:
    """A comment cut into folded tokens; punctuation that matters is kept as tokens."""

    folded: str
    tokens: tuple[str, ...]
    keys: tuple[frozenset[str], ...]  # the spellings each token may stand for
    line: str  # the tokens joined by single spaces, for phrase patterns
    quoted: frozenset[int] = frozenset()  # positions of tokens inside quotation marks


def _tokens(folded: str, one: str) -> list[str]:
    text = folded
    if _LEET_ANY.search(text):
        text = _LEET_CANDIDATE.sub(lambda m: _deleet(m.group(0), one), text)
    text = _join_spelt_out(text).replace("\n", " . ")
    return _TOKEN.findall(text)


@functools.lru_cache(maxsize=512)
def _analyse(text: str) -> _Text:
    folded = fold(text)
    tokens = _tokens(folded, "i")
    alternatives = _tokens(folded, "l") if "1" in folded else tokens
    if len(alternatives) != len(tokens):
        alternatives = tokens
    keys = tuple(
        (spellings(a) if a == b else spellings(a) | spellings(b)) if a[0].isalnum() else frozenset()
        for a, b in zip(tokens, alternatives, strict=True)
    )
    return _Text(
        folded=folded,
        tokens=tuple(tokens),
        keys=keys,
        line=" ".join(tokens),
        quoted=_quoted_positions(folded, len(tokens)),
    )


_QUOTATION = re.compile(r'«[^«»]*»|“[^“”]*”|"[^"]*"|„[^„“”]*[“”]')


def _quoted_positions(folded: str, count: int) -> frozenset[int]:
    """The positions of the tokens written between quotation marks."""
    if not any(mark in folded for mark in '«"“„'):
        return frozenset()
    quoted: set[int] = set()
    for match in _QUOTATION.finditer(folded):
        first = len(_tokens(folded[: match.start()], "i"))
        last = len(_tokens(folded[: match.end()], "i"))
        quoted.update(range(first, min(last, count)))
    return frozenset(quoted)


# ---------------------------------------------------------------------------- lexicons

_FEMININE_ENDINGS = (
    "ard", "ot", "on", "ien", "in", "ain", "ant", "ent", "u", "i", "e", "er", "ais", "ois",
    "and", "ier", "el", "ol", "ul", "ut", "ert",
)  # fmt: skip


def _inflections(word: str) -> set[str]:
    """The plural and feminine spellings a base word may take."""
    forms = {word}
    bases = {word}
    if len(word) > 3 and word[-1] in "sx":
        bases.add(word[:-1])
    for base in bases:
        forms |= {base, base + "s", base + "x"}
        if base.endswith(_FEMININE_ENDINGS):
            forms |= {base + "e", base + "es"}
            if base[-1] in "nlt":  # chienne, conne, cruelle, sotte
                forms |= {base + base[-1] + "e", base + base[-1] + "es"}
        for ending, replacements in (
            ("eur", ("euse", "euses", "rice", "rices")),
            ("eux", ("euse", "euses")),
            ("f", ("ve", "ves")),
            ("c", ("que", "ques")),
            ("al", ("aux",)),
        ):
            if base.endswith(ending):
                stem = base[: -len(ending)]
                forms |= {stem + r for r in replacements}
    return forms


@dataclass(frozen=True)
class _Entry:
    text: str  # as written in the list, shown to moderators
    words: tuple[frozenset[str], ...]  # for each word, its inflected spellings


@dataclass(frozen=True)
class _Lexicon:
    by_first: dict[str, tuple[_Entry, ...]]
    spellings: frozenset[str]  # every single-word spelling, for masked words


@dataclass(frozen=True)
class _Match:
    entry: str
    start: int
    end: int


@functools.lru_cache(maxsize=32)
def _lexicon(entries: frozenset[str]) -> _Lexicon:
    by_first: dict[str, list[_Entry]] = {}
    spellings: set[str] = set()
    for text in entries:
        words = [w for w in _tokens(fold(text), "i") if w[0].isalnum()]
        if not words:
            continue
        # Short words of an expression keep their spelling: "ta gueule", not "tas gueules".
        spelt = [_inflections(w) if len(w) >= 4 else {w} for w in words[:-1]]
        spelt.append(_inflections(words[-1]))
        entry = _Entry(text=text, words=tuple(frozenset(s) for s in spelt))
        if len(words) == 1:
            spellings |= spelt[0]
        for first in entry.words[0]:
            by_first.setdefault(first, []).append(entry)
    return _Lexicon(
        by_first={k: tuple(v) for k, v in by_first.items()}, spellings=frozenset(spellings)
    )


def _find(lexicon: _Lexicon, text: _Text) -> list[_Match]:
    """Every occurrence of an entry of `lexicon` in `text`, longest first at each place."""
    found = []
    keys = text.keys
    for start, spellings in enumerate(keys):
        candidates = [e for s in spellings for e in lexicon.by_first.get(s, ())]
        if not candidates:
            continue
        for entry in sorted(candidates, key=lambda e: -len(e.words)):
            end = start + len(entry.words)
            if end <= len(keys) and all(
                keys[start + k] & entry.words[k] for k in range(1, len(entry.words))
            ):
                found.append(_Match(entry=entry.text, start=start, end=end))
                break
    return found


_MASKED = re.compile(r"(?<![\w*])[^\W\d_][^\W\d_*]*\*[\w*]*(?![\w*])")


def _find_masked(lexicon: _Lexicon, text: _Text) -> list[str]:
    """Listed words written with stars for some letters ("c*nnard", "p*te")."""
    found = []
    for match in _MASKED.finditer(text.folded):
        masked = match.group(0)
        if sum(c.isalpha() for c in masked) < 2 or len(masked) < 4:
            continue
        pattern = re.compile(re.escape(masked).replace(r"\*", "[^\\W\\d_]"))
        if any(pattern.fullmatch(s) for s in lexicon.spellings):
            found.append(match.group(0))
    return found


def _quote(entries: Iterable[str]) -> str:
    return ", ".join(f"« {e} »" for e in dict.fromkeys(entries))


# ---------------------------------------------------------------------------- word rules


def screen_banned_words(submission: Submission, lists: WordLists) -> Finding | None:
    """Refuse a comment that uses a banned word, however it is disguised."""
    text = _analyse(submission.text)
    lexicon = _lexicon(lists.banned)
    found = [m.entry for m in _find(lexicon, text)]
    if found:
        label = "Mot interdit" if len(set(found)) == 1 else "Mots interdits"
        return Finding("banned-word", REJECT, f"{label} : {_quote(found)}")
    masked = _find_masked(lexicon, text)
    if masked:
        return Finding(
            "banned-word", HOLD, f"Mot interdit masqué par des étoiles : {_quote(masked)}"
        )
    return None


def _said_of_oneself(tokens: Sequence[str], index: int) -> bool:
    """ "Ils nous prennent pour des imbéciles": the word is what the writer is taken for."""
    position = index - 1
    if position >= 0 and tokens[position] in ("des", "un", "une", "de", "d", "les"):
        position -= 1
    return (
        position >= 2
        and tokens[position] == "pour"
        and tokens[position - 1].startswith("pren")
        and tokens[position - 2] in ("nous", "me", "m")
    )


def screen_suspect_words(submission: Submission, lists: WordLists) -> Finding | None:
    """Hold a comment that uses a word a moderator should look at."""
    text = _analyse(submission.text)
    lexicon = _lexicon(lists.suspect)
    found = [
        m.entry for m in _find(lexicon, text) if not _said_of_oneself(text.tokens, m.start)
    ] or _find_masked(lexicon, text)
    if found:
        label = "Mot à vérifier" if len(set(found)) == 1 else "Mots à vérifier"
        return Finding("suspect-word", HOLD, f"{label} : {_quote(found)}")
    return None


# Words that may stand between an identification ("sont", "c'est") and the term it applies.
_FILLERS = frozenset(
    "tous toutes tout que qu juste seulement vraiment rien de des du la le les l d un une "
    "vrais vraies vraie vrai veritables veritable sortes sorte espece especes bande ramassis tas "
    "pas plus moins simplement bien sales sale immondes immonde petits petites gros grosses "
    "petit petite grosse vieux vieil vieille vieilles pauvre pauvres "
    "autre autres chose ne n meme memes toujours jamais encore aussi trop si tellement tres "
    "completement totalement franchement carrement absolument profondement "
    # collective nouns: "une invasion de sauterelles", "une horde de chiens"
    "invasion invasions horde hordes nuee nuees essaim essaims meute meutes troupeau "
    "troupeaux colonie colonies bete betes tribu tribus clan clans foule foules masse "
    "masses armee armees".split()
)
_DETERMINERS = frozenset("de des du la le les l d un une tous toutes".split())
_IDENTIFY = frozenset(
    "sont est etes es suis sommes etait etaient serait seraient seront restent reste "
    "restez deviennent devenus devenu".split()
)
# "comme des rats" dehumanises after verbs of swarming, not after "traités" or "vivent".
_SWARMING = (
    "reprodui", "multipli", "pullul", "grouill", "prolif", "envahi", "infest", "deferl",
)  # fmt: skip
_CLEFT = re.compile(r",? ?(?:voila|c est|tel est) (?:ce qu|ce que) (?:ils )?(?:sont|est)\b")
# Said before a term of contempt, these make it name-calling: "pauvre andouille", "vieux con".
_CONTEMPT_MODIFIERS = frozenset(
    "petit petite petits petites pauvre pauvres gros grosse grosses vieux vieil vieille "
    "vieilles sombre triple sacre sacree".split()
)
# Words that may follow name-calling in the same breath: "pauvre nigaud qui croit que …".
_PITYING = frozenset("pauvre pauvres petit petite petits petites".split())
_AFTER_NAME_CALLING = frozenset("qui que qu va tu t vous toi".split())
# "traités comme des chiens", "meurent comme des mouches": the comparison pities the people.
_VICTIM_VERBS = (
    "trait", "consider", "percu", "parqu", "exploit", "abandon", "chass",
    "vendu", "vendent", "achet", "entass", "enferm", "meur", "mour", "viv", "vecu", "dorm",
    "travaill", "souffr", "tomb", "maltrait", "humili", "jet", "expuls", "rejet", "deport",
    "ecras", "abatt", "massacr", "battu", "tue", "utilis", "sacrifi", "accueill", "recu",
    "soign", "aid",
)  # fmt: skip
# A sentence with one of these is said to someone: "va te cacher, guignol".
_SPOKEN_TO = frozenset("tu t te toi vous ton ta tes va vas tais retourne".split())
_FOND = frozenset("bisous bisou calin merci".split())
_NEGATIONS = frozenset("pas jamais nullement aucunement guere point".split())
_DEMONSTRATIVE = frozenset("ces cette cet ce".split())
_SECOND_PERSON = frozenset("tu t vous toi".split())
_APPOSITION = frozenset(",:=?-")
# Pronouns in the groups list name people only as the subject of an identification.
_PRONOUNS = frozenset("ils elles eux".split())
_ELIMINATE = (
    "elimin", "extermin", "eradiqu", "eradic", "nettoy", "deratis", "massacr", "egorg",
    "aneanti", "liquid", "extirp", "decim", "purg", "disparaitr", "exterm", "desinfect",
    "debarrass",
)  # fmt: skip
_ELIMINATE_WORDS = frozenset(
    "tuer tuez tuons tuera tuerons gazer gazez gazons bruler brulez brulons ecraser "
    "ecrasez ecrasons lyncher lynchez pendre pendez fusiller fusillez abattre abattez vider "
    "videz".split()
)


def _is_sentence_end(token: str) -> bool:
    return token in _SENTENCE_END


def _eliminates(token: str) -> bool:
    return token in _ELIMINATE_WORDS or token.startswith(_ELIMINATE)


@dataclass(frozen=True)
class _Groups:
    strong: frozenset[int]  # token positions of group words ("Syriens", "ces gens")
    pronouns: frozenset[int]  # positions of "ils", "elles", "eux"


def _group_positions(lists: WordLists, text: _Text) -> _Groups:
    return _cached_groups(lists.groups, text)


@functools.lru_cache(maxsize=256)
def _cached_groups(entries: frozenset[str], text: _Text) -> _Groups:
    strong, pronouns = set(), set()
    for match in _find(_lexicon(entries), text):
        positions = range(match.start, match.end)
        if fold(match.entry) in _PRONOUNS:
            pronouns.update(positions)
        else:
            strong.update(positions)
    return _Groups(frozenset(strong), frozenset(pronouns))


def _skip_back(tokens: Sequence[str], index: int, limit: int = 5) -> tuple[int, bool]:
    """The position before `index` once fillers are skipped, and whether a determiner was."""
    position, determiner = index - 1, False
    while position >= 0 and limit and tokens[position] in _FILLERS:
        determiner |= tokens[position] in _DETERMINERS
        position -= 1
        limit -= 1
    return position, determiner


def _group_before(tokens, groups: _Groups, position: int, window: int = 6) -> bool:
    """A group word in the few tokens before `position`, within the sentence."""
    for back in range(position, max(position - window, -1), -1):
        if _is_sentence_end(tokens[back]):
            return False
        if back in groups.strong:
            return True
    return False


_PREPOSITIONS = frozenset(
    "pour chez contre envers dans entre parmi sur avec sans vers de du des d a au aux par "
    "selon malgre".split()
)


def _group_after(tokens, groups: _Groups, position: int) -> bool:
    """A group word set after a comma later in the sentence, with no preposition before it.

    "c'est de la vermine, chiites ou sunnites" names the group; "c'est la peste pour les
    électeurs chrétiens" does not.
    """
    mark = None
    for ahead in range(position, len(tokens)):
        token = tokens[ahead]
        if _is_sentence_end(token):
            return False
        if token in (",", ":", "-"):
            mark = ahead
        elif mark is not None and token in _PREPOSITIONS:
            mark = None
        elif mark is not None and ahead in groups.strong:
            return True
    return False


def _sentence_around(tokens: Sequence[str], index: int) -> Sequence[str]:
    start = index
    while start > 0 and not _is_sentence_end(tokens[start - 1]):
        start -= 1
    end = index
    while end < len(tokens) and not _is_sentence_end(tokens[end]):
        end += 1
    return tokens[start:end]


def _target(tokens: Sequence[str], groups: _Groups, index: int, end: int) -> str | None:
    """Whom the term at tokens[index:end] is applied to: "group", "reader" or None."""
    position, determiner = _skip_back(tokens, index)
    before = tokens[position] if position >= 0 else ""
    # "cette vermine syrienne", "ces rats de réfugiés"
    if end in groups.strong or (
        tokens[end : end + 1] in (("de",), ("d",)) and end + 1 in groups.strong
    ):
        return "group"
    # "espèce d'âne", "bande de chiens", "sale rat": name-calling, unless "une espèce de …"
    if tokens[index - 1 : index] in (("sale",), ("sales",)) or (
        tokens[max(index - 2, 0) : index] in (("espece", "de"), ("espece", "d"), ("bande", "de"))
        and (index < 3 or tokens[index - 3] not in _DETERMINERS)
    ):
        return "reader"
    # "ces réfugiés pullulent dans nos villages comme des rats", "tu parles comme un âne"
    if before == "comme" and (position == 0 or tokens[position - 1] not in _IDENTIFY):
        compared = _compared(tokens, groups, position)
        if compared:
            return compared
    # "ces gens sont des rats", "tu es un âne", "ils se reproduisent comme des rats"
    if before == "comme" and position > 0:
        if tokens[position - 1] in _IDENTIFY:
            position, before = position - 1, tokens[position - 1]
        elif not tokens[position - 1].startswith(_SWARMING):
            before = ""
    if before in _IDENTIFY or before == "comme":
        # "les réfugiés ne sont pas des cafards" defends them; "ne sont que des" does not.
        if _NEGATIONS.intersection(tokens[position:index]):
            return None
        subject = position - 2 if before == "comme" else position - 1
        while subject >= 0 and tokens[subject] in ("ne", "n", "se", "s", "tous", "toutes"):
            subject -= 1
        if subject < 0:
            return None
        if tokens[subject] in _SECOND_PERSON:
            return "reader"
        if subject in groups.pronouns or _group_before(tokens, groups, subject):
            return "group"
        if tokens[subject] in ("ce", "c") and _group_after(tokens, groups, end):
            return "group"
        return None
    # "… le rat que tu es"; "petit morveux, …" said to someone
    if tokens[end : end + 3] in (("que", "tu", "es"), ("qu", "tu", "es")):
        return "reader"
    if (
        index > 0
        and tokens[index - 1] in _CONTEMPT_MODIFIERS
        and (index < 2 or tokens[index - 2] not in _DETERMINERS)
        # "pauvre chien, abandonné sur l'autoroute" pities an animal
        and (
            tokens[index - 1] not in _PITYING
            or _SPOKEN_TO.intersection(_sentence_around(tokens, index))
        )
        and (
            end == len(tokens) or not tokens[end][0].isalnum() or tokens[end] in _AFTER_NAME_CALLING
        )
    ):
        return "reader"
    # "va te cacher, guignol !": a term alone after a comma, in a sentence said to someone
    if before == "," and (end == len(tokens) or not tokens[end][0].isalnum()):
        sentence = _sentence_around(tokens, index)
        if _SPOKEN_TO.intersection(sentence):
            return "reader"
    # "des parasites, voilà ce que sont ces réfugiés"
    cleft = _CLEFT.match(" ".join(tokens[end : end + 8]))
    if cleft:
        subject = end + len(cleft.group(0).split())
        if any(p in groups.strong for p in range(subject, subject + 3)):
            return "group"
    # "ces cafards de …" with a group word nearby in the sentence
    if before in _DEMONSTRATIVE and _group_before(tokens, groups, position - 1, window=8):
        return "group"
    # "les Syriens, des cafards", "les réfugiés ? De la vermine", "eux ? des chiens"
    if (determiner and before in _APPOSITION) or before == "=":
        position -= 1
        for back in range(position, max(position - 8, -1), -1):
            if _is_sentence_end(tokens[back]):
                break
            if back in groups.strong or back in groups.pronouns:
                return "group"
    return None


def _compared(tokens: Sequence[str], groups: _Groups, position: int) -> str | None:
    """Whom a comparison "comme des …" at `position` is about: the group or reader that leads
    the sentence, unless the sentence pities them ("traités comme des chiens")."""
    start = position
    while start > 0 and position - start < 14 and not _is_sentence_end(tokens[start - 1]):
        start -= 1
    clause = tokens[start:position]
    if any(t in _NEGATIONS or t.startswith(_VICTIM_VERBS) for t in clause):
        return None
    for back in range(position - 1, start - 1, -1):
        if back in groups.strong:
            return "group"
        if tokens[back] in _SECOND_PERSON and position - back <= 6:
            return "reader"
    return None


def _term_targets(submission: Submission, lists: WordLists) -> tuple[tuple[str, str], ...]:
    return _cached_targets(lists.dehumanising, lists.groups, _analyse(submission.text))


@functools.lru_cache(maxsize=256)
def _cached_targets(
    terms: frozenset[str], group_entries: frozenset[str], text: _Text
) -> tuple[tuple[str, str], ...]:
    groups = _cached_groups(group_entries, text)
    targets: list[tuple[str, str]] = []
    previous: tuple[int, str | None] = (-99, None)
    condemned = _condemns_quotation(text)
    for match in _find(_lexicon(terms), text):
        if condemned and match.start in text.quoted:
            continue
        target = _target(text.tokens, groups, match.start, match.end)
        # "des moutons et des ânes": a term joined to the one before shares its target.
        if target is None and match.start - previous[0] <= 5:
            position, _ = _skip_back(text.tokens, match.start, limit=2)
            if position >= 0 and text.tokens[position] in ("et", "ou", ","):
                target = previous[1]
        # An insult between quotation marks is reported, not thrown: "traité de « menteur »".
        if target == "reader" and match.start in text.quoted:
            target = None
        if target:
            targets.append((match.entry, target))
        previous = (match.end, target)
    return tuple(targets)


# Words that condemn what a comment quotes: "traiter les réfugiés de « parasites », quelle honte".
_CONDEMNATION = (
    "honte", "honteu", "scandal", "inacceptabl", "inadmissibl", "intolerabl", "condamn",
    "denonc", "racis", "xenophob", "haine", "haineu", "odieu", "ignobl", "indign", "choqu",
    "revolt", "abject", "degout", "ecoeur", "nauseabond", "deshumanis", "stigmatis",
)  # fmt: skip


def _condemns_quotation(text: _Text) -> bool:
    """Whether the comment quotes words and, outside the quotation, condemns them."""
    return bool(text.quoted) and any(
        token.startswith(_CONDEMNATION)
        for i, token in enumerate(text.tokens)
        if i not in text.quoted
    )


# What is said of animals, not people: "ils pullulent", "ces gens-là se reproduisent".
_BREEDING_VERBS = frozenset(
    "pullulent pullule grouillent grouille proliferent prolifere reproduisent reproduit "
    "multiplient pondent pondre deferlent deferle infestent".split()
)
# Between a group and such a verb: "ces réfugiés, eux, se reproduisent partout".
_BEFORE_BREEDING = frozenset("se s y en ne n tous toutes eux elles ici partout , la".split())
_BREEDING_PHRASE = re.compile(
    r"\b(?:font|fait|faire|pondent) (?:des |plein d |plein de |trop d |trop de )?(?:gosses|"
    r"enfants|bebes|mioches|marmots|petits) (?:a la chaine|comme des lapins)\b"
)
# "une horde de migrants", "une invasion de réfugiés" (not "l'invasion israélienne").
_SWARM_NOUNS = frozenset(
    "invasion invasions horde hordes meute meutes nuee nuees essaim essaims maree marees "
    "deferlante deferlantes troupeau troupeaux cheptel ramassis vermine".split()
)
_WORTHLESS = frozenset("bons bonnes bon bonne".split())


# "les agressions contre les Syriens se multiplient": the group is not the subject.
_NOT_SUBJECT = frozenset("contre pour envers aux avec entre parmi chez sur de d du des".split())


def _is_subject(tokens: Sequence[str], groups: _Groups, last: int) -> bool:
    """Whether the group word ending at `last` starts its clause, or follows only a
    determiner: "ces réfugiés", "des Syriens", not "les écoles des réfugiés"."""
    first = last
    while first - 1 in groups.strong:
        first -= 1
    position = first - 1
    if position >= 0 and tokens[position] in _DEMONSTRATIVE | {"les", "des", "nos", "vos"}:
        position -= 1
        if tokens[position + 1] == "des" and position >= 0 and tokens[position][0].isalnum():
            return False
    return position < 0 or not tokens[position][0].isalnum() or tokens[position] == "et"


def _group_predicates(text: _Text, groups: _Groups) -> list[str]:
    """Dehumanising things said of a group without a listed term: breeding, swarming, or
    being "good only for" something."""
    tokens, found = text.tokens, []
    for i, token in enumerate(tokens):
        if token in _BREEDING_VERBS:
            back = i - 1
            while back >= 0 and i - back <= 4 and tokens[back] in _BEFORE_BREEDING:
                back -= 1
            if back >= 0 and (
                (back in groups.strong and _is_subject(tokens, groups, back))
                or (back in groups.pronouns and _group_before(tokens, groups, back - 1, 12))
            ):
                found.append((i, token))
        elif token in _SWARM_NOUNS and tokens[i + 1 : i + 2] in (("de",), ("d",)):
            if i + 2 in groups.strong or (
                tokens[i + 2 : i + 3] in (("sales",), ("ces",)) and i + 3 in groups.strong
            ):
                found.append((i, f"{token} de {tokens[i + 2]}"))
        elif (
            token in _WORTHLESS
            and tokens[i + 1 : i + 3] in (("qu", "a"), ("qu", "au"))
            and tokens[i - 1 : i] in (("sont",), ("est",), ("seront",), ("etaient",))
            and _group_before(tokens, groups, i - 1, window=8)
        ):
            found.append((i, f"{token} qu'à"))
    for match in _BREEDING_PHRASE.finditer(text.line):
        i = text.line.count(" ", 0, match.start())
        if _group_before(tokens, groups, i, window=10):
            found.append((i, match.group(0)))
    if found and _condemns_quotation(text):
        found = [(i, phrase) for i, phrase in found if i not in text.quoted]
    return [phrase for _, phrase in found]


def screen_dehumanising(submission: Submission, lists: WordLists) -> Finding | None:
    """Hold dehumanising terms aimed at a group; refuse them with a call to eliminate it."""
    text = _analyse(submission.text)
    terms = [term for term, target in _term_targets(submission, lists) if target == "group"]
    groups = _group_positions(lists, text)
    terms += _group_predicates(text, groups)
    slurs = [
        f"{text.tokens[i - 1]} {text.tokens[i]}"
        for i in sorted(groups.strong)
        if i > 0
        and text.tokens[i - 1] in ("sale", "sales")
        and i - 1 not in groups.strong
        and i not in text.quoted  # "ils l'ont traité de « sale Syrien »" reports it
    ]
    if not terms and not slurs:
        return None
    if terms and any(_eliminates(t) for t in text.tokens):
        return Finding(
            "dehumanising",
            REJECT,
            f"Termes déshumanisants visant un groupe, avec un appel à l'éliminer : {_quote(terms)}",
        )
    if terms:
        return Finding(
            "dehumanising",
            HOLD,
            f"Terme dégradant ou déshumanisant visant un groupe : {_quote(terms)}",
        )
    return Finding("dehumanising", HOLD, f"Insulte visant un groupe : {_quote(slurs)}")


def _name_calling(text: _Text) -> list[str]:
    """Name-calling said to someone, whatever the word: "espèce de …", ", gros … !"."""
    tokens, found = text.tokens, []
    for i, token in enumerate(tokens[:-1]):
        word = tokens[i + 1]
        if token not in ("gros", "grosse", "sale") or not word[0].isalnum() or word in _FOND:
            continue
        if i in text.quoted:
            continue
        alone = (i == 0 or tokens[i - 1] == ",") and (
            i + 2 == len(tokens) or not tokens[i + 2][0].isalnum()
        )
        if alone and _SPOKEN_TO.intersection(_sentence_around(tokens, i)):
            found.append(f"{token} {word}")
    for i, token in enumerate(tokens[:-2]):
        if token not in ("espece", "bande", "ramassis") or tokens[i + 1] not in ("de", "d"):
            continue
        word = tokens[i + 2]
        if not word[0].isalnum() or word == "gaza" or i in text.quoted:
            continue
        before = tokens[i - 1] if i else "."
        vocative = not before[0].isalnum() or before in _SECOND_PERSON
        addressed = before in ("un", "une") and i >= 2 and tokens[i - 2] in ("es", "etes")
        if vocative or addressed:
            found.append(f"{token} {tokens[i + 1]} {word}")
    return found


# An order to be quiet or to leave, at the start of a clause, said to a reader: "ferme-la !",
# "dégage de ce forum", "retourne jouer aux billes" (but "ferme la fenêtre", "la fumée se
# dégage", "je retourne à Beyrouth").
_CLAUSE_START = r"(?:^|(?<=[.!?;:,…] ))"
_DISMISSALS = re.compile(
    _CLAUSE_START + r"(?:(?:ferme|fermez|boucle|bouclez) la|la ferme|tais toi|taisez vous)"
    r"(?= [.!?;:,…]| (?:un peu|donc|maintenant|enfin|tu|vous|toi|et|avec)\b| ?$)|"
    + _CLAUSE_START
    + r"(?:degage|degagez|casse toi|cassez vous|barre toi|barrez vous|tire toi|tirez vous|"
    r"va t en|allez vous en|fous le camp|foutez le camp)\b(?! (?:une|un|des|de la|du) )|"
    + _CLAUSE_START
    + r"(?:retourne|retournez|rentre|va|allez)(?: donc| vite| plutot)? (?:jouer|dormir|pleurer|"
    r"brouter|te coucher|vous coucher|te rhabiller|vous rhabiller|te faire soigner|"
    r"vous faire soigner|voir ailleurs|a l ecole|a la maternelle|a la creche|a tes|a ta|a ton|"
    r"dans ta grotte|dans ton trou|dans ton pays|d ou tu viens|d ou vous venez|au bled|"
    r"chez ta mere|chez ta maman)\b"
)
# Second person said to be stupid: "tu es vraiment bête", "vous êtes d'une bêtise …".
_STUPID = re.compile(
    r"\b(?:tu es|t es|tu etais|t etais|vous etes|es tu|etes vous|tu n es qu|t es qu)"
    r"(?: (?:vraiment|trop|si|aussi|tellement|completement|totalement|bien|un peu|juste|"
    r"franchement|decidement|carrement|encore plus|plus|))? (?:bete|betes|stupide|stupides|"
    r"debile|debiles|borne|bornee|bornes|bornees|ignare|ignares|inculte|incultes|pathetique|"
    r"pathetiques|lamentable|lamentables|ridicule|ridicules|bouche|bouchee|bouches|timbre|"
    r"timbree|neuneu|d une betise|d une connerie|d une mauvaise foi)\b"
)


# A reader's brain, or a brain the size of a small creature's: "ta cervelle", "ton QI",
# "un cerveau de moineau" (not "le cerveau de l'opération").
_BRAINLESS = re.compile(
    r"\b(?:ta cervelle|(?:tes|vos|ton|votre) (?:deux |trois |seuls? |petits? |uniques? )?"
    r"neurones?|ton qi|ton age mental|votre cervelle|votre qi|votre age mental|quel age "
    r"mental)\b|\b(?:cervelle|cerveau|qi) (?:d un|d une|de|d) (?:moineau|poisson rouge|"
    r"poisson|mouche|huitre|bulot|moule|oiseau|poule|dinde|crevette|limace|amibe|"
    r"petit pois|noix|pois chiche|bigorneau|mollusque|escargot|poulet|pigeon|fourmi|puce|"
    r"moustique)s?\b"
)


def _dismissals(text: _Text) -> list[str]:
    """Orders to shut up or go away, and "you are stupid", said to a reader (not quoted)."""
    line = text.line
    return [
        m.group(0).strip()
        for pattern in (_DISMISSALS, _STUPID, _BRAINLESS)
        for m in pattern.finditer(line)
        if line.count(" ", 0, m.end()) not in text.quoted
    ]


def screen_insults(submission: Submission, lists: WordLists) -> Finding | None:
    """Hold a degrading term thrown at someone ("tu es un âne", "espèce de menteur")."""
    text = _analyse(submission.text)
    terms = [term for term, target in _term_targets(submission, lists) if target == "reader"]
    terms += _name_calling(text)
    terms += _dismissals(text)
    if terms:
        return Finding("insult", HOLD, f"Terme dégradant adressé à une personne : {_quote(terms)}")
    return None


# ---------------------------------------------------------------------------- threats

_KILL = (
    r"tuer|tuerai|tuera|tuerons|egorger|egorgerai|egorgera|crever|creverai|buter|buterai|"
    r"fusiller|pendre|massacrer|saigner|bruler|brulerai|retrouver|retrouverai|retrouvera|"
    r"retrouverons|faire la peau|ferai la peau|fera la peau|casser la gueule|casse la gueule|"
    r"peter la gueule|pete la gueule|casser la tete|casse la tete|abattre|liquider|"
    r"regler ton compte|regler son compte|faire payer"
)
_INCITEMENT = "Appel à la violence"
_THREATS = tuple(
    (re.compile(pattern), verdict, reason)
    for pattern, verdict, reason in (
        (
            r"\b(?:je|j|on|nous)(?: \w+){0,2} (?:sai[st]|savons|connai[st]|connaissons) ou "
            r"(?:tu|vous|ta famille|tes enfants) (?:habite[sz]?|vi[st]|vivez|dor[st]|dormez|"
            r"travaille[sz]?|bosse[sz]?|te caches|vous cachez|loges?|logez)\b",
            REJECT,
            "Menace : l'auteur dit savoir où vit la personne visée",
        ),
        (
            r"\b(?:je|j|on|nous)(?: \w+)? (?:ai|a|avons|connai[st]|connaissons|sai[st]|savons)"
            r"(?: [\w,]+){0,8}? (?:ton|ta|tes|votre|vos) (?:adresse|domicile|maison|bureau|"
            r"voiture|famille|enfants|femme|mari|ecole de tes enfants)\b",
            REJECT,
            "Menace : l'auteur dit connaître l'adresse ou les proches de la personne visée",
        ),
        (
            rf"\b(?:je|j|on|nous|ils|quelqu un)(?: (?:vais|va|vas|allons|vont|veux|compte|"
            rf"viendra|viendrai|finira par|finirai par))?(?: (?:bien|meme|tous))? "
            rf"(?:te|t|vous) (?:{_KILL})\b",
            REJECT,
            "Menace de violence envers une personne",
        ),
        (
            r"\b(?:une|des|deux|trois) balles? (?:dans|entre) (?:la|ta|sa|les|tes|ses|leur|"
            r"votre|vos) (?:tete|yeux|crane|nuque|front|bouche|gueule)\b",
            REJECT,
            "Menace de mort (« une balle »)",
        ),
        (
            r"\bmerite(?:nt|rait|raient)? (?:une balle|la mort|la corde|le peloton|d etre "
            r"(?:pendu|fusille|egorge|tue|brule|execute|abattu|lynche)s?)\b",
            REJECT,
            "Appel au meurtre",
        ),
        (
            r"\b(?:tes|vos|ses|leurs) jours sont comptes\b|\bon aura (?:ta|votre) peau\b|"
            r"\b(?:je|on) (?:te|vous) (?:retrouverai|retrouvera|aurai|aura)\b|"
            r"\bon (?:viendra|va venir|vient) (?:te|vous) (?:chercher|rendre visite)\b|"
            r"\b(?:ta|votre) famille (?:va|paiera|payera|le paiera)\b|"
            r"\b(?:tu vas|tu va|vous allez) (?:mourir|crever|morfler)\b(?! de rire)|"
            r"\bregrett\w* d etre nee?s?\b|\b(?:bruler|bruleront|brulera|incendier|faire sauter|"
            r"exploser) (?:ta|votre|tes|vos) (?:maison|voiture|bureau|boutique|magasin|famille)\b|"
            r"\bsi (?:tu tiens|vous tenez) a (?:ta|votre|tes|vos) (?:vie|peau|enfants|famille)\b|"
            r"\b(?:lui|leur|te|t|vous) (?:couper|coupe|coupent|trancher|tranche|arracher|arrache|"
            r"casser|casse|briser|brise) (?:la langue|la tete|les mains|la gorge|les jambes|"
            r"les doigts|la nuque|la gueule)\b|\b(?:lui|leur) (?:faire la peau|fera la peau|"
            r"ferons la peau|regler son compte|regler leur compte)\b",
            REJECT,
            "Menace envers une personne",
        ),
        (
            # Someone's body as the object of a harm verb: "je vais te défoncer la gueule"
            # (not "ne te casse pas la tête", which is about worry).
            r"\b(?:je|j|on|nous|ils|il|quelqu un)(?: \w+){0,2} (?:te|t|vous|lui|leur) "
            r"(?:(?:defonc|eclat|explos|demont|fracass|arrach|bris|trou|tord|refai|refer|cass|"
            r"pet)\w* (?:la gueule|la face|la figure|le portrait|le crane|les dents|les os|"
            r"les jambes|les genoux|les bras|les doigts|le nez|la machoire|les cotes|les yeux|"
            r"la gorge|le cou|la nuque|le ventre|le cul)|(?:defonc|eclat|explos|fracass|trou)"
            r"\w* la tete)\b|"
            # Where the body will end up: "tu finiras dans un sac", "six pieds sous terre".
            r"\b(?:tu|vous|il|elle|t)(?: \w+)? (?:finiras|finirez|finira|vas finir|allez finir|"
            r"va finir|termineras|terminerez|vas terminer|allez terminer)(?: \w+){0,2}? "
            r"(?:dans|au|a la|sous|en) (?:un |une |le |la |les |des |six pieds )?(?:sacs?|"
            r"sacs? poubelle|fosses?|cimetiere|morgue|cercueil|coffre|caniveau|fosse|poubelle|"
            r"decharge|terre|morceaux|pieces|tombe|beton|linceul|housse)\b|"
            # "tu repartiras en ambulance", "vous sortirez les pieds devant"
            r"\b(?:tu|vous|il|elle|t)(?: \w+)? (?:(?:re)?partiras|(?:re)?partirez|(?:re)?sortiras|"
            r"(?:re)?sortirez|rentreras|rentrerez|reviendras|reviendrez|vas (?:re)?partir|"
            r"vas (?:re)?sortir|allez (?:re)?partir|allez (?:re)?sortir) (?:en ambulance|"
            r"sur une civiere|sur un brancard|en fauteuil roulant|entre quatre planches|"
            r"les pieds devant|en morceaux|en pieces)\b|"
            # "il faudrait lui apprendre à se taire à coups de barre"
            r"\b(?:te|t|vous|lui|leur|les) (?:apprendre|apprendrai|apprendra|apprendrons|"
            r"remettre|faire comprendre|dresser|corriger|calmer|eduquer|expliquer)\b"
            r"(?: [\w ]{0,40}?)? a coups? de (?:barres?|batons?|battes?|poings?|pieds?|"
            r"couteaux?|haches?|machettes?|matraques?|ceintures?|fouets?|chaises?|marteaux?|"
            r"crosses?|gourdins?|pierres?)\b",
            REJECT,
            "Menace de violence envers une personne",
        ),
        (
            # "On va te trouver", "on finira par t'avoir", said and left at that.
            r"\b(?:on|je|j|nous|ils)(?: (?:va|vais|vont|allons|finira par|finirai par|"
            r"finiront par))? (?:te|t|vous) (?:trouver|trouvera|trouverai|trouverons|"
            r"trouveront|choper|chopera|choperai|coincer|coincera|coincerai|attraper|"
            r"attrapera|avoir|aura|aurai|aurons)(?= (?:et|tot ou tard|un jour|bientot|crois|"
            r"je|tu|vous|toi)\b| [.!?;:,…]| ?$)|"
            r"\b(?:tu vas|tu va|vous allez|tu vas bientot|vous allez bientot) (?:comprendre "
            r"(?:ta|votre) douleur|gouter a|morfler|deguster|en baver|le sentir passer|y passer|"
            r"avoir mal|saigner|souffrir(?= [.!?;:,…]| ?$))|"
            r"\b(?:tu ne|vous ne|tu n|vous n) (?:verras|verrez|passeras|passerez|feteras|"
            r"feterez) pas (?:la fin de (?:l annee|la semaine|le mois|ce mois|l ete|l hiver|"
            r"la journee)|l annee|l ete|l hiver|noel|demain|la nuit|le printemps|l automne|"
            r"(?:ton|votre) prochain anniversaire)\b|"
            r"\b(?:viendra|viendront|viendrons|va venir|vont venir|vient|viennent|passera|"
            r"passeront)(?: \w+)? (?:frapper|sonner|toquer|cogner) a (?:ta|ton) (?:porte|"
            r"domicile)\b|"
            r"\b(?:je|j|on|nous)(?: \w+)? (?:sai[st]|savons|connai[st]|connaissons|ai|a|avons) "
            r"(?:qui tu es|qui vous etes|ton vrai nom|ta vraie identite|ta plaque|ton visage)\b|"
            r"\b(?:ce sera|c est|ce serait) (?:ton|votre) dernier (?:article|commentaire|jour|"
            r"mot|avertissement)\b|\bdernier avertissement\b|"
            r"\b(?:tu vas|tu va|vous allez) regretter (?:chaque|chacun de|tes|vos|d avoir "
            r"(?:ecrit|dit|publie|commente|poste|ouvert))\b|"
            r"\b(?:tes|vos) (?:enfants|proches|parents|gosses) (?:vont|va|paieront|payeront|"
            r"souffriront|le paieront|le payeront)\b|"
            # "efface ça avant qu'il ne t'arrive quelque chose"
            r"\b(?:avant qu il|sinon il|il pourrait|il se pourrait qu il|dommage qu il|"
            r"dommage s il)(?: ne| n)? (?:te|t|vous|lui) (?:arrive|arriver|arrivera) "
            r"(?:quelque chose|malheur|un malheur|un accident|des ennuis|des bricoles)\b|"
            # "je te ferai bouffer ton clavier"
            r"\b(?:je|j|on|nous)(?: \w+)? (?:te|t|vous|lui) (?:ferai|fera|ferons|vais faire|"
            r"va faire|allons faire) (?:bouffer|avaler) (?:ton|ta|tes|votre|vos|son|sa|ses)\b",
            HOLD,
            "Menace possible envers une personne",
        ),
        (
            r"\b(?:tu vas|tu va|vous allez)(?: me| nous)? le (?:payer|regretter)\b|"
            r"\b(?:tu vas|tu va|vous allez) payer (?:cher|tres cher|pour (?:ca|cela|tes|vos))\b|"
            r"\b(?:tu vas|tu va|vous allez) payer (?=[.!;?…]|$)|"
            r"\btu le (?:regretteras|paieras|payeras)\b|\bvous le (?:regretterez|paierez|"
            r"payerez)\b|\b(?:fais|faites) gaffe a (?:toi|vous|ta famille|tes enfants)\b|"
            r"\bgare a (?:toi|vous)\b|\bne perd(?:s|ez) rien pour attendre\b|"
            r"\b(?:tu vas|tu va|vous allez) finir comme\b|\btu finiras comme\b|"
            r"\b(?:on|je|j) (?:connait|connais|connaissons) (?:ta|votre) famille\b|"
            r"\b(?:on|je) (?:va|vais|viendra|viendrai) (?:venir )?chez (?:toi|vous)\b|"
            r"\b(?:on|quelqu un|ils|il|je|nous) (?:va|vont|vais|allons|finira par|finiront par|"
            r"finirai par) (?:te|vous) faire taire\b|\b(?:souhaite|espere) (?:de |que tu vas |que "
            r"vous allez |que tu )?(?:crever|mourir|creves|meures)\b|\b(?:je|j|on|nous) (?:vais|va|"
            r"allons|veux|voudrais) (?:le|la|les|l) (?:tuer|egorger|crever|buter|fusiller|pendre|"
            r"massacrer|bruler|abattre|liquider|faire la peau|casser la gueule)\b|"
            r"\bva mal finir pour (?:toi|vous)\b|\bon (?:te|vous) surveille\b|"
            r"\b(?:on|je|nous|ils) (?:t|vous) (?:attend|attendons|attendra|attendrai|attendent)"
            r"(?: \w+){0,3} (?:sortie|devant|chez|en bas|au coin)\b|"
            r"\b(?:tu auras|t auras|vous aurez) ce que (?:tu merites|vous meritez)\b",
            HOLD,
            "Menace possible envers une personne",
        ),
        (
            r"\b(?:il faut|faut|il faudrait|on devrait|on doit)(?: \w+)? (?:les|le|la|l|tous "
            r"les) (?:tuer|pendre|fusiller|egorger|bruler|executer|abattre|massacrer|"
            r"exterminer|gazer|lyncher)\b|\bqu on (?:les|le|la) (?:pende|fusille|egorge|"
            r"brule|tue|abatte)\b|\bne merite(?:nt)? pas de vivre\b|\bau poteau\b|"
            r"\ba la potence\b|\bmort aux (?!rats\b)\w+",
            HOLD,
            _INCITEMENT,
        ),
    )
)
_GROUP_FILLERS = frozenset(
    "les tous toutes ces cette ce cet la le l des de du d nos notre vos votre leur leurs "
    "pays liban region un une jusqu au dernier derniers derniere dernieres a tout sales "
    "sale aux".split()
)


def _opens_sentence(tokens: Sequence[str], groups: _Groups, index: int) -> bool:
    """Whether the sentence holding `index` opens on a group word ("Les Syriens, …")."""
    start = index
    while start > 0 and not _is_sentence_end(tokens[start - 1]):
        start -= 1
    while start < index and tokens[start] in ("les", "ces", "tous", "toutes", "nos", "vos"):
        start += 1
    return start in groups.strong


def _incites_against_group(text: _Text, groups: _Groups) -> bool:
    """Whether the text calls to kill or drive out a group ("exterminer les chiites")."""
    tokens = text.tokens
    for i, token in enumerate(tokens):
        # "les Syriens, il faudrait les éliminer": the group opens the sentence, the call
        # takes it up with a pronoun.
        if (
            _eliminates(token)
            and tokens[i - 1 : i] in (("les",), ("l",))
            and _opens_sentence(tokens, groups, i - 1)
        ):
            return True
        if _eliminates(token) or (token == "mort" and tokens[i + 1 : i + 2] in (("aux",), ("a",))):
            position, hops = i + 1, 0
            while position < len(tokens) and hops < 6:
                if position in groups.strong:
                    return True
                if tokens[position] not in _GROUP_FILLERS:
                    break
                position, hops = position + 1, hops + 1
    return False


# "Fais attention à toi" warns a reader, unless the comment is plainly caring or practical.
_WATCH_OUT = re.compile(
    r"\b(?:fais|faites|fait) (?:attention|gaffe) (?:a (?:toi|ta famille|tes enfants|"
    r"tes proches|ta femme|tes fesses|ta peau)(?= [.!?;:,…]| ?$| (?:quand|si|le soir|la nuit|"
    r"en sortant|en rentrant)\b)|a vous (?:quand|si|le soir|la nuit|en sortant|en rentrant)\b|"
    r"quand (?:tu|vous) (?:sors|sortez|rentres|rentrez)\b|le soir\b|la nuit\b|"
    r"en (?:sortant|rentrant)\b)"
)
_CARE = (
    "prends soin", "prenez soin", "bisous", "bises", "embrasse", "courage", "sante", "route",
    "verglas", "tempete", "chaleur", "chaud", "froid", "soleil", "virus", "covid", "pluie",
)  # fmt: skip


def screen_threats(submission: Submission, lists: WordLists) -> Finding | None:
    """Refuse threats and calls to kill; hold veiled threats."""
    text = _analyse(submission.text)
    groups = _group_positions(lists, text)
    against_group = Finding("threat", REJECT, f"{_INCITEMENT} contre un groupe de personnes")
    if _incites_against_group(text, groups):
        return against_group
    for pattern, verdict, reason in _THREATS:
        if pattern.search(text.line):
            # "il faut tous les tuer" is refused outright when the comment names a group.
            if reason == _INCITEMENT and groups.strong:
                return against_group
            return Finding("threat", verdict, reason)
    if _WATCH_OUT.search(text.line) and not any(word in text.line for word in _CARE):
        return Finding("threat", HOLD, "Menace voilée (« fais attention à toi »)")
    return None


# ---------------------------------------------------------------------------- shouting

# Acronyms written in capitals in ordinary sentences.
ACRONYMS = frozenset(
    "onu fmi bdl edl unesco unicef unrwa unhcr hcr pnud oms otan nato ue usa cia fbi "
    "finul unifil cpl fl psp ccm fsi isf lbp usd eur tva pib pdg ong afp bbc cnn lbc mtv otv "
    "nbn aub usj lau fifa uefa psg cgt bce fed opep daech daesh ei plo olp rdc ceo cedre "
    "urss sncf ratp covid sida tgv bac hlm".split()
)
_LETTERS = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouyAEIOUY")


def _shouting_share(text: str) -> tuple[float, int]:
    upper = cased = 0
    for word in _LETTERS.findall(text):
        if word.isupper():
            plain = fold(word)
            short = len(plain) <= 4 and sum(c in _VOWELS for c in plain) <= 1
            if len(plain) <= 2 or plain in ACRONYMS or short:
                continue
        for char in word:
            if char.isupper():
                upper += 1
                cased += 1
            elif char.islower():
                cased += 1
    return (upper / cased if cased else 0.0), cased


def screen_shouting(submission: Submission, lists: WordLists) -> Finding | None:
    """Hold a comment written mostly in capitals (acronyms and unicase scripts aside)."""
    share, cased = _shouting_share(submission.text)
    if cased >= SHOUTING_MIN_LETTERS and share >= SHOUTING_SHARE:
        return Finding(
            "shouting",
            HOLD,
            f"Commentaire écrit en majuscules ({round(share * 100)} % des lettres)",
        )
    return None


# ---------------------------------------------------------------------------- links, spam

_SHORTENERS = (
    r"bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|is\.gd|cutt\.ly|rebrand\.ly|shorturl\.at|"
    r"rb\.gy|tiny\.cc|t\.me|wa\.me|chat\.whatsapp\.com|linktr\.ee"
)
_SHORT_LINK = re.compile(
    rf"(?<![\w.-])(?:https?://)?(?:www\.)?(?:{_SHORTENERS})(?![\w.-]*\w)(?:/\S*)?", re.I
)
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+\.\S+", re.I)
_DOMAIN = re.compile(
    r"(?<![\w@.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|io|xyz|top|"
    r"site|online|shop|store|club|app|fr|lb|ru|tk|bet|win|vip|link|click|tv|uk)\b(?:/\S*)?"
)
_SPELT_LINK = re.compile(
    r"\b\w+ ?(?:\[\.\]|\(\.\)|\[dot\]|\(dot\)| dot | point )(?:com|net|org|fr|lb|io)\b"
)


@functools.lru_cache(maxsize=256)
def _links(text: str) -> tuple[tuple[str, ...], bool]:
    """The links in `text`, and whether one of them hides where it leads."""
    short = [m.group(0) for m in _SHORT_LINK.finditer(text)]
    links = short + [m.group(0) for m in _URL.finditer(text)]
    links += [m.group(0) for m in _DOMAIN.finditer(text)]  # lower case only: "pays.Le" is a typo
    links += [m.group(0) for m in _SPELT_LINK.finditer(fold(text))]
    return tuple(dict.fromkeys(links)), bool(short)


def screen_links(submission: Submission, lists: WordLists) -> Finding | None:
    """Hold a comment with a link; refuse shortened and messaging links, which hide spam."""
    links, hidden = _links(submission.text)
    if hidden:
        return Finding("link", REJECT, f"Lien raccourci ou de messagerie : {_quote(links[:3])}")
    if links:
        return Finding("link", HOLD, f"Lien externe : {_quote(links[:3])}")
    return None


_SPAM_SIGNS = tuple(
    (re.compile(pattern), weight)
    for pattern, weight in (
        (r"\bgagne[zs]? (?:\w+ ){0,3}(?:argent|dollars?|euros?|\d+)", 2),
        (r"\bgagner (?:\w+ ){0,3}(?:argent|dollars?|euros?)\b", 1),
        (r"\brevenus? (?:passifs?|complementaires?|garantis?)\b", 2),
        (r"\bdepuis (?:chez (?:vous|toi|soi)|la maison|votre canape)\b", 2),
        (
            r"\b(?:contacte[rz]?|ecri(?:vez|s|re)|envoye[rz]?|joigne[zr]?|appele[rz]?)"
            r"(?: \w+){0,3} (?:whatsapp|telegram|viber|signal|instagram|inbox|dm)\b",
            3,
        ),
        (r"\b(?:whatsapp|telegram|dm|inbox) (?:me|moi)\b", 3),
        (r"\bcasinos?\b|\bparis sportifs\b|\b1xbet\b|\bmelbet\b|\bmachines? a sous\b", 3),
        (
            r"\b(?:double[rz]?|doubles|tripler|triplez|multipliez) (?:\w+ )?(?:argent|capital|"
            r"mise|investissement|gains?|economies)\b",
            2,
        ),
        (r"\bsans risque\b|\b100 ?% garanti|\bgaranti a 100\b", 2),
        (r"\bcliquez (?:ici|sur (?:le|ce) lien)\b|\blien (?:dans|en) (?:ma )?bio\b", 3),
        (r"\boffres? (?:limitee|speciale|exclusive)s?\b|\bbonus de bienvenue\b", 2),
        (r"\bprets? (?:rapides?|sans garantie|immediats?)\b|\bfollowers\b", 2),
        (r"\b(?:bitcoins?|btc|cryptos?|cryptomonnaies?|ethereum|usdt|forex|trading|binance)\b", 1),
        (r"\bpar (?:jour|semaine)\b", 1),
        (r"\bexperte?s? (?:en )?(?:bitcoin|crypto|trading|forex|investissement)", 2),
        (r"\bwhatsapp\b|\btelegram\b", 1),
        (r"\bm a fait gagner\b|\bje (?:vous )?recommande (?:mme|madame|mr|monsieur|m)\b", 2),
        (r"\b\d+ (?:dollars?|usd|euros?) (?:par|en) (?:jour|semaine|heure)\b", 2),
        (
            r"\bsuive[zr](?: \w+)? sur (?:instagram|tiktok|telegram|facebook|youtube|snapchat)\b|"
            r"\blien (?:est )?dans (?:mon|ma) (?:profil|bio)\b",
            3,
        ),
        (
            r"\b(?:contacte[rz]?|ecri(?:vez|s|re)|envoye[rz]?)(?: \w+){0,2} en (?:prive|mp)\b|"
            r"\bmeilleur taux\b|\barrondi(?:r|ssez|s) (?:vos|tes) fins de mois\b",
            2,
        ),
        (r"\b\d+ (?:dollars? |usd |euros? )?par (?:jour|semaine|mois)\b", 1),
    )
)
_MONEY = re.compile(r"(?:\$|€|usd)\s?\d|\d[\d\s.,]*\s?(?:\$|€|usd|dollars?|euros?)")


def _spam_score(text: str) -> tuple[int, list[str]]:
    analysed = _analyse(text)
    line = analysed.line
    score, signs = 0, []
    for pattern, weight in _SPAM_SIGNS:
        found = pattern.search(line)
        if found:
            score += weight
            signs.append(found.group(0).strip())
    if score >= 2 and _MONEY.search(analysed.folded):
        score += 1
    if _links(text)[0]:
        score += 2
    return score, signs


def screen_spam(submission: Submission, lists: WordLists) -> Finding | None:
    """Refuse obvious advertising (easy money, crypto, casinos, "write me on WhatsApp")."""
    score, signs = _spam_score(submission.text)
    if score >= 4:
        return Finding("spam", REJECT, f"Publicité ou arnaque probable : {_quote(signs[:3])}")
    if score >= 3:
        return Finding("spam", HOLD, f"Publicité possible : {_quote(signs[:3])}")
    return None


_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u3030\u303d\u3297\u3299"
_EMOJI_RUN = re.compile(rf"(?:[{_EMOJI}][\ufe0f\u200d\U0001f3fb-\U0001f3ff\s]*){{10,}}")
_REPEATED_CHARACTER = re.compile(r"([^\W\d_]|[!?*#+])\1{19,}")


def screen_flood(submission: Submission, lists: WordLists) -> Finding | None:
    """Hold floods of emoji, of one character, or of one word over and over."""
    text = submission.text
    if _EMOJI_RUN.search(text):
        return Finding("flood", HOLD, "Suite d'émojis")
    if _REPEATED_CHARACTER.search(text):
        return Finding("flood", HOLD, "Caractère répété à la suite")
    words = [t for t in _analyse(text).tokens if t[0].isalnum()]
    run = 1
    for previous, word in zip(words, words[1:], strict=False):
        run = run + 1 if word == previous else 1
        if run >= 5:
            return Finding("flood", HOLD, f"Mot répété à la suite : « {word} »")
    return None


# ---------------------------------------------------------------------------- personal data

_NUMBER = re.compile(r"(?<![\w+])(?:\+|00)?\s?\d(?:[ .\-/]?\d){6,16}(?!\d)")
_DATE = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}")
_UNIT_AFTER = re.compile(
    r"\s*(?:\$|€|%|dollars?|euros?|livres?|l\.?\s?l\b|lbp|usd|eur|de |d'|millions?|milliards?|"
    r"km|m2|m²|habitants|personnes|morts|victimes|tonnes|litres)",
    re.I,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPELT_EMAIL = re.compile(
    r"\b[\w.+-]+ ?[(\[]? ?(?:at|arobase|arrobase|@) ?[)\]]? ?(?:gmail|hotmail|yahoo|outlook|"
    r"live|icloud|msn|aol|proton(?:mail)?|wanadoo|orange|free|idm|terra)\b"
)


def _phone_numbers(text: str) -> list[str]:
    text = text.translate(_ARABIC_DIGITS)
    found = []
    for match in _NUMBER.finditer(text):
        number = match.group(0).strip()
        digits = re.sub(r"\D", "", number)
        if _DATE.fullmatch(number) or _UNIT_AFTER.match(text, match.end()):
            continue
        international = number.startswith(("+", "00"))
        if international:
            phone = 9 <= len(digits.removeprefix("00")) <= 15
        elif digits.startswith("961"):
            phone = len(digits) in (10, 11)
        elif digits.startswith("0"):
            # Lebanon: 03 123 456, 01/234567; France: 06 12 34 56 78; Syria: 0944 123 456
            phone = len(digits) in (8, 10)
        else:
            # Lebanese mobiles written without the 0: 70 123 456, 81 234 567.
            phone = (
                len(digits) == 8
                and digits[:2] in ("70", "71", "76", "78", "79", "81")
                and not digits.endswith("000")
            )
        if phone:
            found.append(number)
    return found


# Where someone lives, given precisely: "il habite rue X, immeuble Y, 3e étage". Street and
# building names are told by their capital or number ("un immeuble sans ascenseur" is not).
_LIVES_AT = re.compile(
    r"\b(?:(?:il|elle|ils|elles|tu|vous|sa famille|ses parents)(?:\s+\S+)?\s+(?:habite|habitent|"
    r"habites|habitez|vit|vivent|vis|vivez|loge|logent|réside|résident|dort|dorment)|"
    r"(?:son|leur|ton|votre) (?:adresse|domicile)(?:\s+(?:est|c'est|perso|exacte))?\s*:?)"
    r"(?P<rest>[^!?\n]{0,140})",
    re.I,
)
_NAMED = r"\s+(?:(?i:de la|du|des|de|d')\s*)?[A-ZÀ-Ý0-9]"
_ADDRESS_PARTS = (
    ("street", re.compile(r"\b(?i:rue|avenue|boulevard|impasse|route|ruelle)" + _NAMED)),
    ("building", re.compile(r"\b(?i:immeuble|bâtiment|bloc|résidence|villa|tour)" + _NAMED)),
    ("floor", re.compile(r"\b\d{1,2}\s*(?:e|è|ème|eme|er|ère)\s+(?i:étage)|(?i:appartement)\s+\d")),
    ("number", re.compile(r"\b(?i:au|n°|numéro)\s*\d{1,4}\b")),
)


# "Sa plaque, c'est B 123456": a car, hence its owner, found by its registration.
_PLATE = re.compile(
    r"\b(?i:plaque)(?: (?i:d'immatriculation|d’immatriculation))?\b[^.!?\n]{0,40}?"
    r"\b([A-Z]{1,2} ?-? ?\d{3,7})\b"
)


def _postal_addresses(text: str) -> list[str]:
    found = []
    for match in _LIVES_AT.finditer(text):
        rest = match.group("rest")
        kinds = {kind for kind, pattern in _ADDRESS_PARTS if pattern.search(rest)}
        if len(kinds) >= 2 and kinds & {"street", "building"}:
            found.append(match.group(0).strip()[:60])
    return found


def screen_personal_data(submission: Submission, lists: WordLists) -> Finding | None:
    """Hold a comment that gives a phone number, an e-mail or a home address."""
    text = submission.text
    emails = _EMAIL.findall(text) + _SPELT_EMAIL.findall(fold(text))
    phones = _phone_numbers(text)
    if not phones and not emails:
        addresses = _postal_addresses(text)
        if addresses:
            return Finding(
                "personal-data",
                HOLD,
                f"Données personnelles : adresse d'une personne ({_quote(addresses)})",
            )
        plate = _PLATE.search(text)
        if plate:
            return Finding(
                "personal-data",
                HOLD,
                f"Données personnelles : plaque d'immatriculation ({_quote([plate.group(1)])})",
            )
    if phones and emails:
        what = "numéro de téléphone et adresse électronique"
    elif phones:
        what = "numéro de téléphone"
    elif emails:
        what = "adresse électronique"
    else:
        return None
    return Finding(
        "personal-data", HOLD, f"Données personnelles : {what} ({_quote(phones + emails)})"
    )


# ---------------------------------------------------------------------------- history rules


def _canonical(text: str) -> str:
    return " ".join(WORD.findall(fold(text)))


def screen_duplicate(submission: Submission, lists: WordLists) -> Finding | None:
    """Refuse a comment its author has just posted already (same words, any case or accents)."""
    canonical = _canonical(submission.text)
    if len(canonical) < DUPLICATE_MIN_CHARACTERS:
        return None
    if any(_canonical(previous) == canonical for previous in submission.recent_texts):
        return Finding(
            "duplicate", REJECT, "Commentaire identique à un commentaire récent du même auteur"
        )
    return None


def screen_rate(submission: Submission, lists: WordLists) -> Finding | None:
    """Hold the comments of an account posting faster than a person writes."""
    count = submission.comments_last_minute + 1
    if submission.comments_last_minute >= RATE_LIMIT_PER_MINUTE:
        return Finding("rate", HOLD, f"Trop de commentaires en une minute ({count})")
    return None


def screen_new_account(submission: Submission, lists: WordLists) -> Finding | None:
    """Hold the first comment of an account opened less than a day ago."""
    if submission.published_comments == 0 and submission.account_age < NEW_ACCOUNT_AGE:
        return Finding("new-account", HOLD, "Premier commentaire d'un nouveau compte")
    return None


RULES: tuple[Rule, ...] = (
    screen_banned_words,
    screen_suspect_words,
    screen_dehumanising,
    screen_insults,
    screen_threats,
    screen_shouting,
    screen_links,
    screen_spam,
    screen_flood,
    screen_personal_data,
    screen_duplicate,
    screen_rate,
    screen_new_account,
)


# ---------------------------------------------------------------------------- screening


@functools.lru_cache(maxsize=8)
def _load_scorers(paths: tuple[str, ...]) -> tuple[Scorer, ...]:
    from django.utils.module_loading import import_string

    loaded = []
    for path in paths:
        scorer = import_string(path)
        loaded.append(scorer() if isinstance(scorer, type) else scorer)
    return tuple(loaded)


def configured_scorers() -> tuple[Scorer, ...]:
    """The scorers named in settings.MODERATION_SCORERS (none when Django is not set up)."""
    try:
        from django.conf import settings

        if not settings.configured:
            return ()
        paths = tuple(getattr(settings, "MODERATION_SCORERS", ()) or ())
    except ImportError:
        return ()
    return _load_scorers(paths) if paths else ()


def screen_comment(
    submission: Submission,
    *,
    lists: WordLists | None = None,
    rules: Iterable[Rule] = RULES,
    scorers: Iterable[Scorer] | None = None,
) -> list[Finding]:
    """Every finding on `submission`, rules first, then scorers; an empty list means publish.

    A scorer that fails is logged and skipped: a broken classifier must not stop readers
    from posting, and the rules still apply.
    """
    lists = default_word_lists() if lists is None else lists
    findings = [finding for rule in rules if (finding := rule(submission, lists))]
    for scorer in configured_scorers() if scorers is None else scorers:
        try:
            finding = scorer(submission.text)
        except Exception:
            logger.exception("Le classifieur %r a échoué ; commentaire examiné sans lui.", scorer)
            continue
        if finding:
            findings.append(finding)
    return findings


def decide(findings: Iterable[Finding]) -> str:
    """The outcome of the findings: REJECT wins over HOLD, and no finding means PUBLISH."""
    verdicts = {finding.verdict for finding in findings}
    if REJECT in verdicts:
        return REJECT
    if HOLD in verdicts:
        return HOLD
    return PUBLISH
