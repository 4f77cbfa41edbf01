"""Publishing imported articles through Wagtail, under the dates their agency gave them.

Wagtail's publishing does everything else: the revision goes live (or is scheduled until
its go-live date), the page's log says who published it, and the signals index it for
search and outdate the cached pages. Only the dates differ from a page published by hand:
an archive imported today keeps the days its stories were written (dates.py).
"""

import logging
from collections.abc import Collection
from dataclasses import asdict, dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail.permission_policies.pages import PagePermissionPolicy

from .dates import PublicationDates
from .models import AgencyFeed, WireItem
from .queries import imported_drafts

logger = logging.getLogger(__name__)

PUBLISH_DRAFTS = "ingest.publish_drafts"


def publish_dated(*, revision: Revision, dates: PublicationDates, user=None) -> bool:
    """Publish a page's `revision`, dated by `dates`; whether the page is live now (False when
    Wagtail schedules it for its go-live date).

    A page published for the first time takes the agency's first date (the moment of
    publication when there is none); a page already published keeps its first date and
    takes the version's as its last update, never going back in time.
    """
    page = revision.content_object
    go_live = revision.content.get("go_live_at")  # text once read back from the database
    if isinstance(go_live, str):
        go_live = parse_datetime(go_live)
    if go_live is not None and go_live > timezone.now():
        revision.publish(user=user, log_action=True)
        return False
    first, previous = (
        Page.objects.filter(pk=page.pk).values_list("first_published_at", "last_published_at").get()
    )
    first_time = first is None
    if first_time and dates.first is not None:
        # Wagtail keeps a first date already set; signals see the page with it.
        page.first_published_at = dates.first
    revision.publish(user=user, log_action=True)
    if first_time:
        last = dates.last
    elif dates.version is not None:
        last = max(date for date in (dates.version, previous, first) if date)
    else:
        last = None
    if last is not None:
        Page.objects.filter(pk=page.pk).update(last_published_at=last)
    return True


def publish_draft(*, item: WireItem, user=None, now: datetime | None = None) -> bool:
    """Publish the latest revision of `item`'s article, dated as the agency dated the item;
    whether it is live now (False: scheduled for the end of its embargo)."""
    revision = item.article.get_latest_revision()
    if revision is None:
        raise ValidationError(
            _("L’article de la dépêche n’a aucune version à publier."), code="no_revision"
        )
    dates = item.publication_dates(now=now or timezone.now())
    return publish_dated(revision=revision, dates=dates, user=user)


def awaits_publication(item: WireItem) -> bool:
    """Whether the item's article is one of its agency's imported drafts (queries.py)."""
    return imported_drafts(agency=item.agency_id).filter(pk=item.pk).exists()


def publish_waiting_draft(*, item: WireItem, first_created: datetime | None, now: datetime) -> str:
    """Publish the draft an item came in as, now that its feed (or an import run) publishes,
    dated as the agency dated the item (`first_created`: its first version, when the item
    did not know it yet); what the import report says of it."""
    if item.first_created is None and first_created is not None:
        item.first_created = first_created
        item.save(update_fields=["first_created"])
    if publish_draft(item=item, now=now):
        dates = item.publication_dates(now=now)
        return _("Brouillon déjà importé, publié (%(dates)s).") % {"dates": dates.describe()}
    return _("Brouillon déjà importé, programmé pour la fin de son embargo.")


@dataclass
class DraftsPublished:
    """What publishing an agency's drafts did, draft by draft."""

    published: int = 0
    scheduled: int = 0
    # Drafts in sections where the editor may not publish.
    refused: int = 0
    failed: int = 0


def may_publish_drafts(user) -> bool:
    """Editors: those who set how the agencies' feeds arrive and may publish articles."""
    return (
        user.is_active
        and user.has_perm("ingest.change_agencyfeed")
        and PagePermissionPolicy().user_has_permission(user, "publish")
    )


def publish_imported_drafts(
    *, feed: AgencyFeed, user=None, items: Collection[int] | None = None
) -> DraftsPublished:
    """Publish the drafts imported from `feed`'s agency and never published (those of
    `items`, wire item ids, when given; all otherwise), each in its own transaction, as
    `user` (who must be allowed to publish in each one's section); the feed's log says who
    did it and how many.

    Whatever the feed's arrival: a feed left "En brouillon" keeps bringing the next wires in
    as drafts, this publishes those waiting now, once.
    """
    done = DraftsPublished()
    waiting = imported_drafts(agency=feed.agency)
    if items is not None:
        waiting = waiting.filter(pk__in=list(items))
    for item in waiting:
        if user is not None and not item.article.permissions_for_user(user).can_publish():
            done.refused += 1
            continue
        try:
            with transaction.atomic():
                item = _locked_draft(item)
                if item is None:  # published meanwhile (the same form sent twice, an import)
                    continue
                live = publish_draft(item=item, user=user)
        except Exception:  # one page must not stop the others
            logger.exception("Publishing the draft of wire item %s failed", item.pk)
            done.failed += 1
            continue
        if live:
            done.published += 1
        else:
            done.scheduled += 1
    log(instance=feed, action=PUBLISH_DRAFTS, user=user, data=asdict(done))
    return done


def _locked_draft(item: WireItem) -> WireItem | None:
    """`item` read again under lock, inside the caller's transaction, if its article is still
    a draft waiting for publication; None once published meanwhile.

    The row lock (where the database has one) makes a concurrent publication of the same item
    (the importer takes it too) wait for this one to commit; the check is a query of its own so
    that it sees what the other committed.
    """
    WireItem.objects.select_for_update().filter(pk=item.pk).values_list("pk").first()
    return imported_drafts(agency=item.agency_id).filter(pk=item.pk).first()
