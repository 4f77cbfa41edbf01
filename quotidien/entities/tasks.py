"""Entity extraction, run by `quotidien worker` (never in a web request: the model takes
seconds to load and hundreds of megabytes)."""

from django_tasks import task

from . import services


@task()
def extract_entities(article_id: int) -> int:
    """Find the people, places and organisations a live article names, in place of those
    found before; returns 1 when they changed, else 0 (also when the article is no longer
    live)."""
    return services.extract_for_articles(ids=[article_id])


@task()
def extract_entities_of(article_ids: list[int]) -> int:
    """The same for a batch of articles, read by the model together (`quotidien
    extract_entities`); returns how many changed."""
    return services.extract_for_articles(ids=article_ids)
