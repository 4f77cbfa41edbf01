"""What the subscriptions app does when something it depends on changes."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver

from . import emails, tasks
from .signals import (
    ACTIVATED,
    CANCELLED,
    EXPIRED,
    PAYMENT_FAILED,
    payment_received,
    subscription_changed,
)

# The changes a reader hears about by e-mail, and which e-mail. A renewal sends its receipt
# (payment_received); the other changes show in "Mon abonnement".
EMAIL_FOR_CHANGE = {
    ACTIVATED: emails.WELCOME,
    PAYMENT_FAILED: emails.PAYMENT_FAILED,
    CANCELLED: emails.CANCELLED,
    EXPIRED: emails.EXPIRED,
}


@receiver(subscription_changed, dispatch_uid="subscriptions-email-change")
def email_subscription_change(sender, *, subscription, change: str, **kwargs) -> None:
    """Have the worker write to the reader about the change, once it is committed."""
    if (kind := EMAIL_FOR_CHANGE.get(change)) is not None:
        transaction.on_commit(partial(tasks.send_subscription_email.enqueue, subscription.pk, kind))


@receiver(payment_received, dispatch_uid="subscriptions-email-receipt")
def email_receipt(sender, *, payment, **kwargs) -> None:
    """Have the worker send the reader the receipt of a payment, once it is committed."""
    transaction.on_commit(partial(tasks.send_payment_receipt.enqueue, payment.pk))
