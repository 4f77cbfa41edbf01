"""A subscription running now, as the Service abonnés records one paid by other means."""

from datetime import timedelta

from django.utils import timezone

from quotidien.subscriptions.models import Subscription


def subscribe(user, plan, *, days=30, status=Subscription.Status.ACTIVE) -> Subscription:
    """`user`'s subscription to `plan`, paid for `days` more days."""
    return Subscription.objects.create(
        user=user,
        plan=plan,
        status=status,
        source=Subscription.Source.MANUAL,
        currency="USD",
        amount=10,
        current_period_end=timezone.now() + timedelta(days=days),
    )
