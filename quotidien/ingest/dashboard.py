"""The editors' « Dépêches à relire » on the back office's dashboard: each agency's
imported drafts waiting for an editor, and where to read and publish them; then the
agencies' updates of stories already online, each to read and publish from its page."""

from django.db.models import Count
from wagtail.admin.ui.components import Component

from .models import AgencyFeed
from .queries import imported_drafts, waiting_updates

# At most this many updates listed, the latest first.
UPDATES_SHOWN = 10


class WireDraftsPanel(Component):
    name = "wire_drafts"
    template_name = "ingest/admin/wire_drafts_panel.html"
    order = 56

    def get_context_data(self, parent_context):
        counts = dict(
            imported_drafts().order_by().values_list("agency").annotate(count=Count("pk"))
        )
        feeds = AgencyFeed.objects.filter(agency__in=counts).select_related("agency")
        return {
            "waiting": [(feed, counts[feed.agency_id]) for feed in feeds.order_by("agency__name")],
            "updates": list(waiting_updates()[:UPDATES_SHOWN]),
        }
