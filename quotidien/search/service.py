"""Searching the archive: what the search page, the API and the feeds call.

`search_articles()` understands the reader's query, asks the configured backend
(see `backends`), and returns one page of results, each an article card
(`quotidien.news.queries.article_cards`) with its snippet, the reader's words marked.
The ranked matches of a query and the snippets of a page of them are kept between
changes of the index (`results`): a query asked again costs no search.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.utils import timezone
from django.utils.safestring import SafeString

from quotidien.live.queries import live_page_cards
from quotidien.news import queries
from quotidien.news.models import ArticlePage, Author, SectionPage

from . import results
from .backends import Filters, get_backend
from .query import SearchQuery, parse_query
from .snippets import marked

ORDERS = ("relevance", "date")
PAGE_SIZE = 20


@dataclass
class SearchResults:
    """One page of results of a query: article cards with their `search_snippet`."""

    query: SearchQuery
    page: Page  # of the matches' keys; page.paginator.count is how many matched
    articles: list[ArticlePage] = field(default_factory=list)
    more: bool = False  # more matches than can be paged through

    @property
    def count(self) -> int:
        return self.page.paginator.count


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def search_filters(
    *,
    section: SectionPage | None = None,
    author: Author | None = None,
    since: date | None = None,
    until: date | None = None,
    live_pages: bool = False,
) -> Filters:
    """What the backend keeps to for these arguments of `search_articles`: the articles
    alone unless `live_pages`. The suggestions use it too, so that they propose a query
    only where the same search finds more."""
    return Filters(
        section_path=section.path if section else None,
        author_id=author.pk if author else None,
        since=_start_of(since) if since else None,
        until=_start_of(until + timedelta(days=1)) if until else None,
        articles_only=not live_pages,
    )


def result_snippet(article: ArticlePage, snippet: SafeString, terms: frozenset[str]) -> SafeString:
    """What a result shows of the text: the passage where the reader's words are, but for
    a subscriber article its standfirst only, whoever searches.

    Such an article is still found by the words of its body (the index holds them all,
    and a reader may well look for it by them): only the snippet would give the text away,
    words marked or not. Every reader gets the same results, so that the page and the
    API's answer stay the same for all and may be cached.
    """
    if article.for_subscribers:
        return marked(article.standfirst, terms)
    return snippet


def _first_page_below_one(page: int | str | None) -> int | str | None:
    """`page`, but 1 for a number below 1 (« 0 », « -2 »): Django's paginator would give
    the last page, as it does past the end."""
    try:
        return page if int(page) >= 1 else 1
    except (TypeError, ValueError):
        return page


def search_articles(
    *,
    query: str,
    section: SectionPage | None = None,
    author: Author | None = None,
    since: date | None = None,
    until: date | None = None,
    order: str = "relevance",
    page: int | str | None = 1,
    per_page: int = PAGE_SIZE,
    request=None,
    live_pages: bool = False,
) -> SearchResults:
    """The live articles matching `query`, filtered, one page of them, with snippets; with
    `live_pages`, the live pages ("directs") too (their cards have `live_coverage`), which
    the API leaves out (its schema describes articles).

    `since` and `until` are days, both included. A page number that is not one gives
    the first page, as does one below 1; one past the end the last. Raises `QueryError`
    (with the reader's message) when the query cannot be searched, and `ValueError` for an
    unknown order.
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    parsed = parse_query(query)
    filters = search_filters(
        section=section, author=author, since=since, until=until, live_pages=live_pages
    )
    backend = get_backend()
    # What the backend searches: the query as parsed, whatever the case or spaces typed.
    searched = replace(parsed, text="")
    matches = results.kept(
        results.MATCHES,
        (searched, filters, order),
        lambda: backend.search(query=parsed, filters=filters, order=order),
        backend=backend,
    )
    listing = Paginator(matches.keys, per_page).get_page(_first_page_below_one(page))
    keys = tuple(listing.object_list)
    hits = results.kept(
        results.HITS,
        (searched, keys),
        lambda: backend.hits(list(keys), query=parsed),
        backend=backend,
    )
    ids = [hit.article_id for hit in hits]
    cards = {card.pk: card for card in queries.article_cards(ids, request)}
    if live_pages and (others := [pk for pk in ids if pk not in cards]):
        # Live pages ("directs"): their own query, once for the page of results.
        cards.update((card.pk, card) for card in live_page_cards(others, request))
    articles = []
    for hit in hits:
        if (card := cards.get(hit.article_id)) is not None:
            card.search_snippet = result_snippet(card, hit.snippet, parsed.terms)
            articles.append(card)
    return SearchResults(query=parsed, page=listing, articles=articles, more=matches.more)
