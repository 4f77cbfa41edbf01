"""The editors' « Programmés » on the back office's dashboard: what goes online next, and
when, among the pages the member may publish (late ones first: the scheduler may have
stopped). Wagtail shows a scheduled page only on its own form."""

from django.db.models import CharField
from django.db.models.functions import Cast
from wagtail.admin.ui.components import Component
from wagtail.models import Revision
from wagtail.permission_policies.pages import PagePermissionPolicy


class ScheduledPanel(Component):
    name = "scheduled"
    template_name = "news/admin/scheduled_panel.html"
    order = 55
    shown = 10

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        publishable = PagePermissionPolicy().instances_user_has_permission_for(self.user, "publish")
        revisions = (
            Revision.page_revisions.filter(
                approved_go_live_at__isnull=False,
                object_id__in=publishable.annotate(key=Cast("pk", CharField())).values("key"),
            )
            .order_by("approved_go_live_at")
            .only("object_id", "object_str", "approved_go_live_at")
        )
        return {"scheduled": list(revisions[: self.shown]), "count": revisions.count()}
