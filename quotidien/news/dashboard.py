"""The editors' « Programmés » on the back office's dashboard: what goes online next, and
when, for whoever may publish. Wagtail shows a scheduled page only on its own form."""

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Revision


class ScheduledPanel(Component):
    name = "scheduled"
    template_name = "news/admin/scheduled_panel.html"
    order = 55
    shown = 10

    def get_context_data(self, parent_context):
        revisions = (
            Revision.page_revisions.filter(approved_go_live_at__gt=timezone.now())
            .order_by("approved_go_live_at")
            .only("object_id", "object_str", "approved_go_live_at")
        )
        return {"scheduled": list(revisions[: self.shown]), "count": revisions.count()}
