"""What the search index is given for each live, public article or live page ("direct"),
read in bulk.

A live page is indexed as an article is: its title as the headline, its standfirst (with
its kicker), then its summary and the text of its entries as the body, its authors as the
byline. Posting, changing or deleting an entry indexes it again (see `signals`).

An article under a view restriction (a password, a reader's login) is given none: search
would show it, and its text, to readers who may not open it.

The text comes from the live row of the article (never from a draft), its
StreamField read as raw JSON so that a million articles are read without building
blocks. Any block type, present or future, gives its text: strings found in its
value, HTML tags removed.

A subscriber article is found by every word of its body, but the index holds its text as
written only as far as its teaser goes: the words of the body are a bag beside it, each
once and in alphabetical order, so that a phrase search cannot tell, result by result,
what the locked text says, nor how often it says a word.
"""

import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from quotidien.live.models import LiveEntry, LivePage
from quotidien.news.models import ArticlePage, ArticleTag, subscribers_only
from quotidien.news.queries import live_sections, section_trail
from quotidien.subscriptions.teaser import teaser_of

from . import analysis

TAG = re.compile(r"<[^>]+>")
BLOCK_TAG = re.compile(r"</(p|h\d|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
# The kinds of pages the index holds.
INDEXED_TYPES = (ArticlePage, LivePage)
# Keys of block values that hold ids or settings, not text.
NOT_TEXT = frozenset({"id", "type", "image", "article", "page", "alignment", "url"})
PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True, slots=True)
class Document:
    """One article as indexed: three weighted fields, and what filters and sorting need."""

    article_id: int
    published_at: datetime
    path: str
    headline: str
    standfirst: str
    body: str  # paragraphs separated by PARAGRAPH_BREAK
    lead_extra: str = ""  # kicker and tags: weighed like the standfirst, never shown
    body_extra: str = ""  # byline: weighed like the body, never shown
    for_subscribers: bool = False  # its body past the teaser is a bag of words

    @property
    def weighted_texts(self) -> tuple[str, str, str]:
        """Headline, standfirst and body text, as they are weighed."""
        return (
            self.headline,
            f"{self.standfirst} {self.lead_extra}".strip(),
            f"{self.body} {self.body_extra}".strip(),
        )


def html_to_text(markup: str) -> str:
    """Readable text of a rich-text fragment, entities decoded."""
    return " ".join(html.unescape(TAG.sub(" ", BLOCK_TAG.sub("\n", markup))).split())


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield html_to_text(value) if "<" in value or "&" in value else value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_TEXT:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def body_paragraphs(raw_blocks: Iterable[dict]) -> list[str]:
    """One paragraph of text per block of a StreamField's raw JSON, empty ones left out."""
    paragraphs = []
    for block in raw_blocks or ():
        text = " ".join(part for part in _strings(block.get("value")) if part.strip())
        if text := " ".join(text.split()):
            paragraphs.append(text)
    return paragraphs


def locked_body(raw_blocks: list, *, elsewhere: Sequence[str] = ()) -> str:
    """The body of a subscriber article as indexed: its teaser as the page shows it to a
    reader without access, then every word of the body in a bag (`analysis.word_bag`),
    the article's other texts (`elsewhere`) telling which are names."""
    paragraphs = [
        value if isinstance(value := block.get("value"), str) else ""
        for block in raw_blocks
        if block.get("type") == "paragraph"
    ]
    teaser = html_to_text(teaser_of(paragraphs))
    bag = analysis.word_bag(body_paragraphs(raw_blocks), elsewhere=[*elsewhere, teaser])
    return PARAGRAPH_BREAK.join(part for part in (teaser, bag) if part)


def _subscriber_articles(rows: list[tuple]) -> set[int]:
    """Which of `rows` (pk, path, access, alias_of_id) are subscriber articles."""
    # Read afresh: a section that has just changed its choice is why they are indexed.
    sections = live_sections()

    def accesses(path: str) -> list[str]:
        return [section.access for section in section_trail(SimpleNamespace(path=path), sections)]

    # An alias that leaves the choice to its sections follows its original's.
    originals = dict(
        ArticlePage.objects.filter(
            pk__in=[alias_of for _, _, access, alias_of in rows if alias_of and not access]
        ).values_list("pk", "path")
    )
    return {
        pk
        for pk, path, access, alias_of in rows
        if subscribers_only(access, accesses(originals.get(alias_of, path)))
    }


def _raw_blocks(body: str | None) -> list:
    blocks = json.loads(body) if body else []
    return blocks if isinstance(blocks, list) else []


def documents(article_ids: Iterable[int]) -> list[Document]:
    """Documents of those of `article_ids` that are live articles or live pages under no
    view restriction, in order of publication (four queries, three more for live pages)."""
    ids = list(article_ids)
    if not ids:
        return []
    found = _article_documents(ids)
    found_ids = {document.article_id for document in found}
    if live := _live_documents([pk for pk in ids if pk not in found_ids]):
        found = sorted([*found, *live], key=lambda document: document.published_at)
    return found


def _live_documents(ids: list[int]) -> list[Document]:
    """Documents of those of `ids` that are live pages under no view restriction."""
    if not ids:
        return []
    rows = list(
        LivePage.objects.live()
        .public()
        .filter(pk__in=ids)
        .order_by("first_published_at", "pk")
        .values_list("pk", "title", "standfirst", "kicker", "summary", "path", "first_published_at")
    )
    if not rows:
        return []
    found = [row[0] for row in rows]
    entries = defaultdict(list)
    for page_id, title, body in (
        LiveEntry.objects.filter(page_id__in=found)
        .annotate(raw_body=Cast("body", TextField()))
        .order_by("posted_at", "pk")
        .values_list("page_id", "title", "raw_body")
    ):
        entries[page_id].extend([title, *body_paragraphs(_raw_blocks(body))])
    bylines = defaultdict(list)
    Byline = LivePage.authors.through
    for page_id, name in Byline.objects.filter(livepage_id__in=found).values_list(
        "livepage_id", "author__name"
    ):
        bylines[page_id].append(name)
    return [
        Document(
            article_id=pk,
            published_at=first or timezone.now(),
            path=path,
            headline=title,
            standfirst=standfirst,
            body=PARAGRAPH_BREAK.join(
                text for text in (html_to_text(summary or ""), *entries[pk]) if text
            ),
            lead_extra=kicker,
            body_extra=" ".join(bylines[pk]),
        )
        for pk, title, standfirst, kicker, summary, path, first in rows
    ]


def _article_documents(ids: list[int]) -> list[Document]:
    """Documents of those of `ids` that are live articles under no view restriction."""
    rows = (
        # Wagtail's `public()` reads the restrictions afresh: one set or lifted a moment
        # ago is why the article is indexed.
        ArticlePage.objects.live()
        .public()
        .filter(pk__in=ids)
        # The StreamField's JSON as text: building blocks for a million articles is slow.
        .annotate(raw_body=Cast("body", TextField()))
        .order_by("first_published_at", "pk")
        .values_list(
            "pk",
            "title",
            "standfirst",
            "kicker",
            "raw_body",
            "path",
            "first_published_at",
            "last_published_at",
            "agency__name",
            "access",
            "alias_of_id",
        )
    )
    rows = list(rows)
    locked = _subscriber_articles([(row[0], row[5], row[9], row[10]) for row in rows])
    found = [row[0] for row in rows]
    tags = defaultdict(list)
    for article_id, name in ArticleTag.objects.filter(content_object_id__in=found).values_list(
        "content_object_id", "tag__name"
    ):
        tags[article_id].append(name)
    bylines = defaultdict(list)
    Byline = ArticlePage.authors.through
    for article_id, name in Byline.objects.filter(articlepage_id__in=found).values_list(
        "articlepage_id", "author__name"
    ):
        bylines[article_id].append(name)
    return [
        Document(
            article_id=pk,
            published_at=first or last or timezone.now(),
            path=path,
            headline=title,
            standfirst=standfirst,
            body=locked_body(_raw_blocks(body), elsewhere=[title, standfirst, kicker, *tags[pk]])
            if pk in locked
            else PARAGRAPH_BREAK.join(body_paragraphs(_raw_blocks(body))),
            lead_extra=" ".join([kicker, *tags[pk]]).strip(),
            body_extra=" ".join([*bylines[pk], agency or ""]).strip(),
            for_subscribers=pk in locked,
        )
        for pk, title, standfirst, kicker, body, path, first, last, agency, _, _ in rows
    ]
