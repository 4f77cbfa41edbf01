"""Search work too long for a request, run by `quotidien worker`."""

from django_tasks import task
from wagtail.models import Page

from quotidien.news.models import ArticlePage

from . import vocabulary
from .indexing import index_in_batches, live_ids


@task()
def index_articles_under(page_id: int) -> int:
    """Index again the live articles at and under page `page_id`: after it moved (they are
    filed under their new path), after a section changed who reads its articles (a
    subscriber article is indexed otherwise), or after a view restriction on it was set
    (they leave the index) or lifted (they come back, unless another one holds). A section
    may hold years of articles, hence the batches. Returns how many were indexed (0 when
    the page is gone since)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    ids = (
        ArticlePage.objects.live()
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
