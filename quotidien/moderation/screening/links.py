"""The rules against links and advertising: links wait for a moderator, hidden links and
obvious scams are refused."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from django.conf import settings

from quotidien.lookalikes import as_latin

from .analysis import analyse
from .base import HOLD, REJECT, Context, Finding, Rule, quote
from .vocabulary import pattern, vocabulary, words

_DATA = vocabulary("links")
_SHORTENERS = "|".join(re.escape(domain) for domain in words(_DATA["shorteners"]))
_SHORT_LINK = re.compile(
    rf"(?<![\w.-])(?:https?://)?(?:www\.)?(?:{_SHORTENERS})(?![\w.-]*\w)(?:/\S*)?", re.I
)
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+\.\S+", re.I)
_DOMAIN = re.compile(
    r"(?<![\w@.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\."
    rf"(?:{'|'.join(words(_DATA['domain_endings']))})\b(?:/\S*)?"
)
_PATH = pattern(_DATA["domain_with_path"])
_SPELT_LINK = pattern(_DATA["spelt_link"])
_SPAM_SIGNS = tuple((pattern(sign["pattern"]), sign["weight"]) for sign in _DATA["spam"]["sign"])
_MONEY = pattern(_DATA["spam"]["money"])


_AFTER_A_LINK = ".,;:!?»"


def _trimmed(link: str) -> str:
    """`link` without the punctuation of the sentence after it, and without a closing
    bracket it does not open: « (voir example.org/a). » names « example.org/a »."""
    link = link.rstrip(_AFTER_A_LINK)
    while link.endswith(")") and link.count("(") < link.count(")"):
        link = link[:-1].rstrip(_AFTER_A_LINK)
    return link


@functools.lru_cache(maxsize=256)
def _links(text: str) -> tuple[tuple[str, ...], bool]:
    """The links in `text`, each once, and whether one of them hides where it leads. A bare
    domain inside a full address (« example.org » in « https://example.org/… ») is that
    address; the punctuation that ends a sentence after a link is not part of it."""
    short = list(_SHORT_LINK.finditer(text))
    found = short + list(_URL.finditer(text))
    found += _DOMAIN.finditer(text)  # lower case only: "pays.Le" is a typo
    found += _PATH.finditer(text)
    links, taken = [], []
    for match in found:
        start, end = match.span()
        if not any(start < other_end and other_start < end for other_start, other_end in taken):
            taken.append((start, end))
            links.append(_trimmed(match.group(0)))
    links += [m.group(0) for m in _SPELT_LINK.finditer(as_latin(text))]
    return tuple(dict.fromkeys(links)), bool(short)


def links_in(text: str) -> tuple[str, ...]:
    """The links in `text`, each once: full addresses, bare domains, shortened links."""
    return _links(text)[0]


_PLAIN_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*")


def host(link: str) -> str:
    """The host a link leads to, in lower case: « https://www.x.org@y.net:80/a » leads to
    « y.net ». Empty when it cannot be told for sure: a link spelt out (« exemple point
    com », « exemple[.]com »), or one a browser would read otherwise than this parser
    (a backslash, letters of other alphabets)."""
    if not link or "\\" in link:
        return ""
    try:
        found = urlsplit(link if "//" in link else f"//{link}").hostname or ""
    except ValueError:
        return ""
    found = found.rstrip(".")
    return found if _PLAIN_HOST.fullmatch(found) else ""


_TRUSTED_DOMAINS = tuple(words(_DATA["trusted_domains"]))


def untrusted(links: Iterable[str], trusted_domains: Sequence[str] = _TRUSTED_DOMAINS) -> list[str]:
    """Those of `links` that lead elsewhere than to the paper's own address
    (settings.SITE_URL) or to `trusted_domains` and their subdomains."""
    trusted = tuple(trusted_domains)
    if own := host(settings.SITE_URL):
        trusted += (own.removeprefix("www."),)

    def is_trusted(link: str) -> bool:
        found = host(link)
        return bool(found) and any(found == d or found.endswith(f".{d}") for d in trusted)

    return [link for link in links if not is_trusted(link)]


class Links(Rule):
    """Hold a comment with a link; refuse shortened and messaging links, which hide spam.

    Links to the paper's own address (settings.SITE_URL) and to the trusted domains (see
    `data/links.toml`; OPTIONS `trusted_domains` replace them) and their subdomains are
    published.
    """

    code = "link"

    def __init__(self, *, trusted_domains: Iterable[str] = _TRUSTED_DOMAINS) -> None:
        super().__init__()
        self.trusted_domains = tuple(domain.lower().strip(".") for domain in trusted_domains)

    def check(self, text: str, context: Context) -> Finding | None:
        links, hidden = _links(text)
        if hidden:
            return self.finding(REJECT, f"Lien raccourci ou de messagerie : {quote(links[:3])}")
        links = untrusted(links, self.trusted_domains)
        if links:
            return self.finding(HOLD, f"Lien externe : {quote(links[:3])}")
        return None


def _spam_score(text: str) -> tuple[int, list[str]]:
    """How much `text` looks like advertising, and the signs that say so."""
    analysed = analyse(text)
    line = analysed.line
    score, signs = 0, []
    for sign, weight in _SPAM_SIGNS:
        found = sign.search(line)
        if found:
            score += weight
            signs.append(found.group(0).strip())
    if score >= 2 and _MONEY.search(analysed.folded):
        score += 1
    if untrusted(_links(text)[0]):
        score += 2
    return score, signs


class Spam(Rule):
    """Refuse obvious advertising (easy money, crypto, casinos, "write me on WhatsApp").

    Each sign of advertising found in the comment (see `data/links.toml`) adds its weight,
    an amount of money next to them one more, a link two. OPTIONS: the score from which
    the comment is held (`hold_score`) and refused (`reject_score`).
    """

    code = "spam"

    def __init__(self, *, hold_score: int = 3, reject_score: int = 4) -> None:
        super().__init__()
        self.hold_score = hold_score
        self.reject_score = reject_score

    def check(self, text: str, context: Context) -> Finding | None:
        score, signs = _spam_score(text)
        if score >= self.reject_score:
            return self.finding(REJECT, f"Publicité ou arnaque probable : {quote(signs[:3])}")
        if score >= self.hold_score:
            return self.finding(HOLD, f"Publicité possible : {quote(signs[:3])}")
        return None
