"""Subscription work done by `quotidien worker`: the subscribers' e-mails and the daily sweep.

The daily sweep (`daily_sweep`) sends the renewal reminders that fall due and expires the
manual subscriptions whose period ended; card subscriptions are expired by Stripe's
webhooks. `quotidien subscription_reminders` enqueues it, and `publish_scheduled_loop` runs
that command once a day (django-tasks has no periodic tasks). Running it more often is
harmless: a reminder goes once per period, an expired subscription is not expired again.

Tasks take primary keys, so that they read the rows as they are when they run.
"""

from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from . import emails, services
from .models import Payment, Subscription, SubscriptionRequest

# Days before the end of a period that the renewal reminder goes out.
REMINDER_DAYS = 7
# Statuses whose period end is worth a reminder: the subscription renews or ends then. A
# subscription whose card payment failed hears about that instead.
REMINDED_STATUSES = (Subscription.Status.ACTIVE, Subscription.Status.CANCELLED)

_NOT_REMINDED = Q(reminded_for__isnull=True) | ~Q(reminded_for=F("current_period_end"))


def _send(message) -> bool:
    if message is None:
        return False
    message.send()
    return True


@task()
def send_subscription_email(subscription_id: int, kind: str) -> bool:
    """Send the e-mail `kind` (one of `emails.SUBSCRIPTION_KINDS`) about a subscription.
    Returns whether one was sent (not when the subscription is gone or the reader has no
    address)."""
    subscription = (
        Subscription.objects.select_related("user", "plan").filter(pk=subscription_id).first()
    )
    if subscription is None:
        return False
    return _send(emails.subscription_email(kind, subscription=subscription))


@task()
def send_payment_receipt(payment_id: int) -> bool:
    """Send the receipt of a payment; returns whether one was sent."""
    payment = (
        Payment.objects.select_related("subscription__user", "subscription__plan")
        .filter(pk=payment_id)
        .first()
    )
    if payment is None:
        return False
    return _send(emails.receipt_email(payment=payment))


@task()
def send_request_confirmation(request_id: int) -> bool:
    """Confirm to the reader that their subscription request reached the Service abonnés;
    returns whether an e-mail was sent."""
    subscription_request = (
        SubscriptionRequest.objects.select_related("user", "plan").filter(pk=request_id).first()
    )
    if subscription_request is None:
        return False
    return _send(emails.request_email(subscription_request=subscription_request))


@task()
def send_renewal_reminder(subscription_id: int) -> bool:
    """Send the reminder the sweep claimed for this subscription, unless its period has
    changed since (renewed, extended, expired): the reminder would be wrong."""
    subscription = (
        Subscription.objects.select_related("user", "plan")
        .filter(
            pk=subscription_id,
            status__in=REMINDED_STATUSES,
            reminded_for=F("current_period_end"),
            current_period_end__gt=timezone.now(),
        )
        .first()
    )
    if subscription is None:
        return False
    return _send(emails.subscription_email(emails.REMINDER, subscription=subscription))


def remind_due_renewals(*, now: datetime | None = None) -> int:
    """Enqueue the renewal reminder of each subscription whose period ends within
    REMINDER_DAYS and that has not had it for this period; returns how many.

    Each reminder is claimed first by writing the period end in `reminded_for`, one row at
    a time and only if no one did it since: two sweeps at once never send it twice.
    """
    now = now or timezone.now()
    due = Subscription.objects.filter(
        _NOT_REMINDED,
        status__in=REMINDED_STATUSES,
        current_period_end__gt=now,
        current_period_end__lte=now + timedelta(days=REMINDER_DAYS),
    ).values_list("pk", "current_period_end")
    claimed = 0
    for pk, period_end in due:
        if Subscription.objects.filter(_NOT_REMINDED, pk=pk, current_period_end=period_end).update(
            reminded_for=period_end
        ):
            claimed += 1
            transaction.on_commit(partial(send_renewal_reminder.enqueue, pk))
    return claimed


def expire_ended_manual_subscriptions(*, now: datetime | None = None) -> int:
    """Expire the manual subscriptions whose period paid has ended: status EXPIRED,
    `ended_at` the end of that period, an entry in the audit log and, once committed, the
    `subscription_changed` EXPIRED signal (which sends the reader the expiry e-mail).
    Returns how many."""
    now = now or timezone.now()
    ended = Subscription.objects.filter(
        source=Subscription.Source.MANUAL,
        status__in=Subscription.Status.GIVING_ACCESS,
        current_period_end__lte=now,
    )
    expired = 0
    for pk in ended.values_list("pk", flat=True):
        with transaction.atomic():
            # Read again under lock: the Service abonnés may have extended it meanwhile.
            subscription = ended.select_for_update().filter(pk=pk).first()
            if subscription is None:
                continue
            services.expire(subscription=subscription)
        expired += 1
    return expired


@task()
def daily_sweep() -> dict[str, int]:
    """Send the renewal reminders due and expire the manual subscriptions that ended;
    returns how many of each."""
    now = timezone.now()
    return {
        "reminded": remind_due_renewals(now=now),
        "expired": expire_ended_manual_subscriptions(now=now),
    }
