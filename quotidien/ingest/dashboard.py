"""The editors' « Dépêches à relire » on the back office's dashboard: each agency's
imported drafts waiting for an editor, and where to read and publish them."""

from wagtail.admin.ui.components import Component

from .models import AgencyFeed
from .queries import imported_drafts


class WireDraftsPanel(Component):
    name = "wire_drafts"
    template_name = "ingest/admin/wire_drafts_panel.html"
    order = 56

    def get_context_data(self, parent_context):
        feeds = AgencyFeed.objects.select_related("agency").order_by("agency__name")
        waiting = [(feed, imported_drafts(agency=feed.agency_id).count()) for feed in feeds]
        return {"waiting": [(feed, count) for feed, count in waiting if count]}
