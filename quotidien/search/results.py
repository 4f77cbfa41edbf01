"""Results of searches kept in this process between changes of what they depend on.

Searching is the costly part of the search page: matching and ranking up to
`MAX_MATCHES` articles, then cutting snippets out of their text. The outcome depends
on the query as parsed, its filters, the index and the editors' name variants, never
on who asks (a subscriber article's snippet is its standfirst for everyone): so the
ranked keys of a query, and the snippets of a page of them, are kept as the article
page keeps its reads (`quotidien.pagecache.reads`), against version tokens:

- `INDEX`, renewed whenever an article enters or leaves the index (`outdate()`, which
  a backend calls when it writes; see `announces_changes`);
- the site's token, renewed on publishing, unpublishing, moving or deleting a page;
- the name variants' token (`variants.TOKEN`), renewed when an editor changes the table.

A read is kept against the tokens as they stood before it ran, so an article published
meanwhile is found by the next search. The search page keeps its rendered results
(`page_content`) against the same tokens: they show article cards (titles, photos,
sections), which change with the site, and what else outdates the search page.
"""

from collections.abc import Callable, Hashable
from typing import TypeVar

from django.utils.translation import get_language

from quotidien.pagecache import reads, versions

from . import variants

T = TypeVar("T")

# The token of the index: renewed whenever an article enters or leaves it.
INDEX = "search-index"
DEPENDS_ON = (versions.SITE, INDEX, variants.TOKEN)
# Ranked keys of queries (at most MAX_MATCHES integers each, 40 kB), snippets of pages of
# them (10 kB), rendered pages (20 kB): 3 MB per worker at most.
MATCHES = reads.KeptReads("search-matches", 32)
HITS = reads.KeptReads("search-hits", 64)
PAGES = reads.KeptReads("search-page", 32)


def outdate() -> None:
    """Make every kept search miss: the index changed."""
    versions.bump(INDEX)


def kept(
    store: reads.KeptReads,
    key: Hashable,
    read: Callable,
    *,
    backend,
    depends_on: tuple[str, ...] = DEPENDS_ON,
):
    """`read()`, or what it returned for `key` while the index, the site and the name
    variants (and any other token of `depends_on`) stood still; always `read()` with a
    backend that does not say when its index changes (another engine may take its time
    to apply a publication)."""
    if not getattr(backend, "announces_changes", False):
        return read()
    return store.get(key, read, depends_on=depends_on)


def page_content(request, render: Callable[[], T], *, backend) -> T:
    """The search page's content for `request`'s parameters (its status and HTML):
    `render()`, or what it returned for the same parameters since the last change.

    The key is the whole query string (the pages' links repeat every parameter), the host
    (a page's address depends on the site) and the language. Besides the tokens of the
    results, the content depends on those of the page's path, as the cached page does:
    what outdates the search page (a subject's card, say) outdates it too.
    """
    parameters = tuple((name, tuple(values)) for name, values in sorted(request.GET.lists()))
    key = (request.get_host(), get_language(), parameters)
    depends_on = tuple(dict.fromkeys(DEPENDS_ON + versions.path_keys(request.path)))
    return kept(PAGES, key, render, backend=backend, depends_on=depends_on)
