"""The Service abonnés' panel on the back office's home page: the readers' requests waiting
for an answer, and the subscriptions paid by hand that end within a week (a reminder to
call the reader before their access stops)."""

from datetime import timedelta

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .models import Subscription, SubscriptionRequest

# How far ahead a manual subscription's end is shown.
ENDING_WITHIN = timedelta(days=7)
# At most this many of them, the soonest first.
ENDING_SHOWN = 10


class SubscriberServicePanel(Component):
    name = "subscriber_service"
    template_name = "subscriptions/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        pending = SubscriptionRequest.objects.filter(
            status=SubscriptionRequest.Status.PENDING
        ).aggregate(count=Count("pk"), oldest=Min("created_at"))
        now = timezone.now()
        ending = (
            Subscription.objects.filter(
                source=Subscription.Source.MANUAL,
                status=Subscription.Status.ACTIVE,
                current_period_end__gte=now,
                current_period_end__lt=now + ENDING_WITHIN,
            )
            .select_related("user", "plan")
            .order_by("current_period_end", "pk")
        )
        return {
            "pending": pending["count"],
            "oldest": pending["oldest"],
            "requests_url": reverse("subscriptions_requests"),
            "ending": list(ending[:ENDING_SHOWN]),
        }
