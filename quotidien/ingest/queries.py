"""Reads of the wire desk: the imported drafts waiting to be published."""

from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import Revision

from quotidien.news.models import Agency

from .models import WireItem


def imported_drafts(*, agency: Agency | int | None = None) -> QuerySet[WireItem]:
    """The agency's items (every agency's, without one) whose article is a draft never
    published: not one the editors took offline, not one the agency withdrew, not one
    already scheduled for the end of its embargo. Oldest import first, with their articles."""
    scheduled = Revision.page_revisions.filter(
        object_id=Cast(OuterRef("article_id"), CharField()),
        approved_go_live_at__isnull=False,
    )
    return (
        WireItem.objects.filter(
            *([Q(agency=agency)] if agency is not None else []),
            withdrawn=False,
            article__live=False,
            article__first_published_at__isnull=True,
        )
        .exclude(Exists(scheduled))
        .select_related("article")
        .order_by("pk")
    )


def waiting_updates() -> QuerySet[WireItem]:
    """The items whose article is online with a later version from the agency not yet
    published (its latest revision is the import's, which no one signs): an update, often
    a correction, that an editor reads and publishes. The latest first, with agencies."""
    return (
        WireItem.objects.filter(
            withdrawn=False,
            article__live=True,
            article__has_unpublished_changes=True,
            article__latest_revision__user__isnull=True,
        )
        .select_related("agency")
        .order_by("-updated_at", "-pk")
    )
