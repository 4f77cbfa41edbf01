"""Articles searched through one of Wagtail's search backends (the `modelsearch` package).

This is the way to Elasticsearch or OpenSearch for very large archives: point
`WAGTAILSEARCH_BACKENDS` at one of modelsearch's Elasticsearch/OpenSearch backends
with a French analyzer, set `QUOTIDIEN_SEARCH_BACKEND` to this class, and run
`quotidien rebuild_modelsearch_index`. Wagtail keeps that index in step with
publishing itself; `ArticlePage.search_fields` says what is indexed and how much
each field weighs. The reader's words are passed as written (the engine analyses
them); phrases and exclusions become modelsearch's `Phrase` and `Not`.

Wagtail's index holds the whole body of a subscriber article as written, which would
answer whether its locked text holds a phrase: the phrases of a query are checked again
against the text this app indexes (`documents`: past the teaser, a bag of words) for the
subscriber articles Wagtail finds, and the phrases to exclude against it for every
article found. Only the first `MAX_MATCHES` + 1 articles found are checked, so that a
query with phrases may find fewer.
"""

from collections.abc import Iterable, Sequence

from django.conf import settings
from modelsearch.backends import get_search_backend
from modelsearch.index import insert_or_update_object, remove_object
from modelsearch.query import And, Not, Or, Phrase, PlainText

from quotidien.news.models import ArticlePage
from quotidien.news.queries import public_articles

from .. import analysis
from ..documents import Document, documents
from ..query import Group, SearchQuery
from .base import MAX_MATCHES, Filters, Hit, Matches


def _group(words: str):
    return Phrase(words) if " " in words else PlainText(words)


def _is_phrase(group: Group) -> bool:
    return any(len(phrase) > 1 for phrase in group)


def modelsearch_query(query: SearchQuery):
    """The reader's query in modelsearch's query classes, but for the phrases to exclude
    (see `_checked`)."""
    found = And([_group(words) for words in query.required_words])
    excluded = [
        words
        for group, words in zip(query.excluded, query.excluded_words, strict=True)
        if not _is_phrase(group)
    ]
    if not excluded:
        return found
    return And([found, Not(Or([_group(words) for words in excluded]))])


def _holds(fields: list[list[str]], group: Group) -> bool:
    """Whether any phrase of `group` is in one of the indexed `fields`, as the database's
    index matches it: its terms side by side."""
    return any(
        field[i : i + len(phrase)] == list(phrase)
        for phrase in group
        for field in fields
        for i in range(len(field) - len(phrase) + 1)
    )


def _checked(keys: list[int], query: SearchQuery) -> list[int]:
    """Those of `keys` that the text this app indexes bears out: the required phrases in
    a subscriber article, no phrase to exclude in any article."""
    required = [group for group in query.required if _is_phrase(group)]
    excluded = [group for group in query.excluded if _is_phrase(group)]
    if not (required or excluded):
        return keys
    wrong = set()
    for document in documents(keys):
        if not (document.for_subscribers and required) and not excluded:
            continue
        fields = analysis.index_fields(document.weighted_texts)
        if (document.for_subscribers and not all(_holds(fields, g) for g in required)) or any(
            _holds(fields, group) for group in excluded
        ):
            wrong.add(document.article_id)
    return [key for key in keys if key not in wrong]


class WagtailSearchBackend:
    """Search through the modelsearch backend named by `QUOTIDIEN_WAGTAIL_SEARCH_BACKEND`."""

    def __init__(self):
        self.engine = get_search_backend(
            getattr(settings, "QUOTIDIEN_WAGTAIL_SEARCH_BACKEND", "default")
        )

    def search(self, *, query: SearchQuery, filters: Filters, order: str) -> Matches:
        # Wagtail indexes every live page, restricted or not: those no reader may open
        # without a password or a login are left out here, the count and pages with them.
        articles = public_articles()
        if filters.section_path:
            articles = articles.filter(path__startswith=filters.section_path)
        if filters.since:
            articles = articles.filter(first_published_at__gte=filters.since)
        if filters.until:
            articles = articles.filter(first_published_at__lt=filters.until)
        if filters.author_id:
            by_author = ArticlePage.objects.filter(authors=filters.author_id)
            articles = articles.filter(pk__in=list(by_author.values_list("pk", flat=True)))
        if order != "relevance":
            articles = articles.order_by("-first_published_at", "-pk")
        results = self.engine.search(
            modelsearch_query(query), articles, order_by_relevance=order == "relevance"
        )
        keys = _checked([article.pk for article in results[: MAX_MATCHES + 1]], query)
        return Matches(keys=keys[:MAX_MATCHES], more=len(keys) > MAX_MATCHES)

    def hits(self, keys: Sequence, *, query: SearchQuery) -> list[Hit]:
        found = {document.article_id: document for document in documents(keys)}
        terms = query.terms
        return [
            Hit.of(
                article_id=document.article_id,
                standfirst=document.standfirst,
                body=document.body,
                terms=terms,
            )
            for key in keys
            if (document := found.get(key)) is not None
        ]

    def index(self, documents: Iterable[Document]) -> None:
        for article in ArticlePage.objects.filter(pk__in=[d.article_id for d in documents]):
            insert_or_update_object(article)

    def remove(self, article_ids: Iterable[int]) -> None:
        for article in ArticlePage.objects.filter(pk__in=list(article_ids)):
            remove_object(article)

    def clear(self) -> None:
        """Wagtail's index is rebuilt by `quotidien rebuild_modelsearch_index`."""

    def unindexed(self, article_ids):
        return article_ids.none()
