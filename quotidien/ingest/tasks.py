"""Wire desk work done by `quotidien worker`: publishing an agency's imported drafts,
importing the wires editors send in the back office."""

from dataclasses import asdict

from django.contrib.auth import get_user_model
from django_tasks import task

from .models import AgencyFeed, WireUpload
from .publishing import publish_imported_drafts
from .uploads import import_upload


@task()
def publish_agency_drafts(
    feed_id: int, user_id: int | None = None, item_ids: list[int] | None = None
) -> dict[str, int]:
    """Publish the drafts imported from a feed's agency (those of `item_ids` when given), as
    the editor who asked; what was done (see publishing.DraftsPublished)."""
    feed = AgencyFeed.objects.select_related("agency").filter(pk=feed_id).first()
    if feed is None:
        return {}
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return asdict(publish_imported_drafts(feed=feed, user=user, items=item_ids))


@task()
def import_wire_upload(upload_id: int) -> int | None:
    """Import the wires an editor sent in the back office; the report's primary key, or None
    if the upload is gone: imported already, its report among the others."""
    upload = WireUpload.objects.select_related("agency", "uploaded_by").filter(pk=upload_id).first()
    if upload is None:
        return None
    return import_upload(upload).pk
