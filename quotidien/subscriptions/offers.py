"""The plans on offer, as the paywall's offer box and the offers page list them.

Kept in each process until a plan or a price changes; a change also outdates cached
pages, whose offer boxes show the prices.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from quotidien.pagecache import reads, versions

from .models import Plan, Price, Subscription

TOKEN = "plans"
# The currency prices are shown in first, unless the reader paid in another before.
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


@dataclass(frozen=True)
class Offer:
    """A plan as a reader is shown it: one price in their currency, the others after."""

    plan: Plan
    # In the reader's currency when the plan has one, else the plan's first.
    price: Price
    others: list[Price]
    # The prices payable by card (with a Stripe price), the reader's currency first.
    by_card: list[Price]


def default_currency() -> str:
    """The currency prices are shown in first to a reader who never paid
    (`settings.QUOTIDIEN_CURRENCY`, dollars by default)."""
    return settings.QUOTIDIEN_CURRENCY


def reader_currency(user) -> str:
    """The currency of the reader's latest subscription, else the default one."""
    if user.is_authenticated:
        latest = Subscription.objects.filter(user=user).values_list("currency", flat=True)
        if currency := latest.order_by("-started_at", "-pk").first():
            return currency
    return default_currency()


def offers_in(currency: str) -> list[Offer]:
    """The plans on offer, each with its price in `currency` first."""
    offers = []
    for plan in available_plans():
        prices = sorted(plan.prices.all(), key=lambda price: price.currency != currency)
        if prices:
            offers.append(
                Offer(
                    plan=plan,
                    price=prices[0],
                    others=prices[1:],
                    by_card=[price for price in prices if price.stripe_price_id],
                )
            )
    return offers
