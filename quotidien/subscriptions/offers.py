"""The plans on offer, as the paywall's offer box and the offers page list them.

Kept in each process until a plan or a price changes; a change also outdates cached
pages, whose offer boxes show the prices.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from quotidien.pagecache import reads, versions

from .models import Plan, Price

TOKEN = "plans"
_PLANS = reads.KeptReads("plans", 1)


def available_plans() -> list[Plan]:
    """The plans readers may subscribe to, in the newsroom's order, with their prices."""

    def read():
        return list(
            Plan.objects.filter(available=True).prefetch_related(
                Prefetch("prices", queryset=Price.objects.order_by("currency"))
            )
        )

    return _PLANS.get(None, read, depends_on=(TOKEN,))


@receiver(post_save, sender=Plan)
@receiver(post_delete, sender=Plan)
@receiver(post_save, sender=Price)
@receiver(post_delete, sender=Price)
def _plans_changed(**kwargs) -> None:
    versions.bump(TOKEN, versions.SITE)


def card_payments_enabled() -> bool:
    """Whether readers can pay by card: without a secret key, only the Service abonnés sells."""
    return bool(settings.STRIPE_SECRET_KEY)
