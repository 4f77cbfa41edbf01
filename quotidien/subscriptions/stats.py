"""Subscription figures for the Service abonnés: who subscribes to what, who comes and goes
each week, the churn over a period, the monthly recurring revenue per currency.

Read-only, a fixed number of queries each whatever the number of subscribers. Amounts
stay in their own currency: dollars, euros and Lebanese pounds are never added together.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import Plan, Subscription, midnight

WEEKS = 12


@dataclass(frozen=True)
class PlanFigure:
    plan: Plan
    active: int


@dataclass(frozen=True)
class WeekFigure:
    start: date  # a Monday
    end: date  # the Sunday after
    new: int
    cancelled: int


@dataclass(frozen=True)
class Churn:
    start: datetime
    end: datetime
    active_at_start: int
    lost: int

    @property
    def rate(self) -> Decimal | None:
        """Lost ÷ active at the start, as a percentage; None when nobody was subscribed."""
        if not self.active_at_start:
            return None
        return (Decimal(100) * self.lost / self.active_at_start).quantize(Decimal("0.1"))


# Readers whose first payment never came had no access: they count nowhere.
COUNTED = ~Q(status=Subscription.Status.INCOMPLETE)


def active_by_plan(*, at: datetime | None = None) -> list[PlanFigure]:
    """Each plan with its subscribers who have access at `at` (now), plans in their order."""
    at = at or timezone.now()
    giving_access = Q(
        subscriptions__status__in=Subscription.Status.GIVING_ACCESS,
        subscriptions__current_period_end__gt=at,
        subscriptions__started_at__lte=at,
    )
    plans = Plan.objects.annotate(active=Count("subscriptions", filter=giving_access))
    return [PlanFigure(plan=plan, active=plan.active) for plan in plans]


def weekly(*, weeks: int = WEEKS, today: date | None = None) -> list[WeekFigure]:
    """New subscriptions and cancellations in each of the last `weeks` weeks, Monday to
    Sunday in the site's time zone, the current week last; one query for all of them."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    starts = [monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    counts = {}
    for n, start in enumerate(starts):
        begin, end = midnight(start), midnight(start + timedelta(days=7))
        counts[f"new_{n}"] = Count(
            "pk", filter=COUNTED & Q(started_at__gte=begin, started_at__lt=end)
        )
        counts[f"cancelled_{n}"] = Count(
            "pk", filter=Q(cancelled_at__gte=begin, cancelled_at__lt=end)
        )
    figures = Subscription.objects.aggregate(**counts)
    return [
        WeekFigure(
            start=start,
            end=start + timedelta(days=6),
            new=figures[f"new_{n}"],
            cancelled=figures[f"cancelled_{n}"],
        )
        for n, start in enumerate(starts)
    ]


def churn(*, start: datetime, end: datetime) -> Churn:
    """Subscribers lost between `start` and `end` ÷ subscribers who had access at `start`.

    Lost: among those who had access at `start`, the ones cancelled (and not reactivated)
    or whose access ended during the period; each counts once even if both happened.
    """
    had_access = (
        COUNTED
        & Q(started_at__lte=start, current_period_end__gt=start)
        & (Q(ended_at__isnull=True) | Q(ended_at__gt=start))
    )
    lost = Q(cancelled_at__gte=start, cancelled_at__lt=end) | Q(
        ended_at__gte=start, ended_at__lt=end
    )
    lost |= Q(
        status=Subscription.Status.EXPIRED,
        current_period_end__gte=start,
        current_period_end__lt=end,
    )
    figures = Subscription.objects.filter(had_access).aggregate(
        active=Count("pk"), lost=Count("pk", filter=lost)
    )
    return Churn(start=start, end=end, active_at_start=figures["active"], lost=figures["lost"])


def monthly_recurring_revenue(*, at: datetime | None = None) -> dict[str, Decimal]:
    """What renewing subscriptions bring each month, per currency: an annual plan counts
    for a twelfth of its price. Cancelled subscriptions renew no more and are left out."""
    at = at or timezone.now()
    rows = (
        Subscription.objects.filter(
            status__in=(Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE),
            current_period_end__gt=at,
        )
        .values("currency", "plan__interval")
        .annotate(total=Sum("amount"))
        .order_by("currency", "plan__interval")
    )
    revenue: dict[str, Decimal] = {}
    for row in rows:
        total = Decimal(row["total"])
        if row["plan__interval"] == Plan.Interval.YEAR:
            total /= 12
        revenue[row["currency"]] = revenue.get(row["currency"], Decimal(0)) + total
    return {currency: amount.quantize(Decimal("0.01")) for currency, amount in revenue.items()}
