"""Keeping the search index in step with what is live, article by article or in bulk.

Publishing (an edit included) indexes the article again, unpublishing takes it
out, deleting removes its entry with it (a cascade on the database). Scheduled
articles are indexed when Wagtail publishes them, not before. An article under a view
restriction (a password, a reader's login, on it or on its section) is kept out: setting
one takes the articles under it out, lifting it puts them back (see `signals`).

Articles indexed in bulk go in order of publication, as those published day after day
do: the index's rows then lie in the order searches read them (the most recent matches
first, see `backends.database`), a period's matches on a few neighbouring pages.
"""

from collections.abc import Callable, Iterable

from wagtail.models import Page

from . import vocabulary
from .backends import get_backend
from .documents import INDEXED_TYPES, documents

BATCH_SIZE = 1000
# The order of publication (docids follow it): where bulk indexing writes the rows.
PUBLICATION_ORDER = ("first_published_at", "pk")
Progress = Callable[[int, int], None]


def live_ids():
    """The ids of the live articles and live pages under no view restriction, in the order
    of publication."""
    return (
        # Wagtail's `public()` reads the restrictions afresh, as `documents()` does: this
        # runs when one has just been set or lifted.
        Page.objects.type(*INDEXED_TYPES)
        .live()
        .public()
        .order_by(*PUBLICATION_ORDER)
        .values_list("pk", flat=True)
    )


def index_articles(*, ids: Iterable[int]) -> int:
    """Index these articles as they are live now; those not live, or under a view
    restriction, are taken out. Returns how many were indexed."""
    ids = list(ids)
    backend = get_backend()
    found = documents(ids)
    live = {document.article_id for document in found}
    backend.remove(pk for pk in ids if pk not in live)
    backend.index(found)
    vocabulary.add_words(found)
    return len(found)


def remove_articles(*, ids: Iterable[int]) -> None:
    """Take these articles out of the index."""
    get_backend().remove(ids)


def index_in_batches(
    *, ids: Iterable[int], batch_size: int = BATCH_SIZE, progress: Progress | None = None
) -> int:
    """`index_articles` for many articles, `batch_size` at a time; returns how many were
    indexed."""
    ids = list(ids)
    done = indexed = 0
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        indexed += index_articles(ids=batch)
        done += len(batch)
        if progress is not None:
            progress(done, len(ids))
    return indexed


def index_unindexed(*, batch_size: int = BATCH_SIZE, progress: Progress | None = None) -> int:
    """Index the live articles that the index does not have yet (after bulk imports)."""
    ids = get_backend().unindexed(live_ids())
    return index_in_batches(ids=ids, batch_size=batch_size, progress=progress)


def rebuild_index(*, batch_size: int = BATCH_SIZE, progress: Progress | None = None) -> int:
    """Empty the index and index every live, public article and live page again; returns
    how many."""
    get_backend().clear()
    vocabulary.clear()
    return index_in_batches(ids=live_ids(), batch_size=batch_size, progress=progress)
