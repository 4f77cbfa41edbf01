"""Search work too long for a request, run by `quotidien worker`."""

from django_tasks import task
from wagtail.models import Page

from . import vocabulary
from .documents import INDEXED_TYPES
from .indexing import index_in_batches, index_unindexed, live_ids


@task()
def index_articles_under(page_id: int) -> int:
    """Index again the live articles and live pages at and under page `page_id`: after it
    moved (they are filed under their new path), after a section changed who reads its
    articles (a subscriber article is indexed otherwise), or after a view restriction on it was set
    (they leave the index) or lifted (they come back, unless another one holds). A section
    may hold years of articles, hence the batches. Also after an entry of a live page
    was posted, changed or deleted (the page is indexed with its entries). Returns how
    many were indexed (0 when the page is gone since)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    ids = (
        Page.objects.type(*INDEXED_TYPES)
        .live()
        .descendant_of(page, inclusive=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return index_in_batches(ids=ids)


@task()
def reindex_archive() -> int:
    """Index every live article again, in batches, replacing each entry as it goes: after
    an upgrade changed what is indexed of an article. Search keeps answering meanwhile,
    from the entries not yet replaced. Returns how many were indexed."""
    indexed = index_in_batches(ids=live_ids())
    # The vocabulary's counts follow the index's new terms.
    vocabulary.recount()
    return indexed


@task()
def index_unindexed_pages() -> int:
    """Index the live articles and live pages the index lacks: the live pages published
    before the index held them (migration 0009). Returns how many were indexed."""
    return index_unindexed()
