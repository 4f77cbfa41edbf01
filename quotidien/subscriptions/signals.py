"""What happens to subscriptions, announced to whoever acts on it (e-mails, statistics).

Payments by card (Stripe webhooks) and by hand (the Service abonnés) send the same
signals, once the change is committed:

- `subscription_changed(subscription, change, user)`: `change` is one of `CHANGES`;
  `user` is the staff member who made a manual change, else None.
- `payment_received(payment)`: a payment was recorded (a receipt).
"""

from django.dispatch import Signal

ACTIVATED = "activated"  # a new subscription opens access (welcome)
RENEWED = "renewed"  # a new period was paid
PAYMENT_FAILED = "payment_failed"  # a card payment failed; Stripe retries
CANCELLED = "cancelled"  # the reader or the Service abonnés cancelled (access to period end)
REACTIVATED = "reactivated"  # a cancellation was undone before the period ended
EXPIRED = "expired"  # access ended
EXTENDED = "extended"  # the Service abonnés moved the end of the period
CHANGES = (ACTIVATED, RENEWED, PAYMENT_FAILED, CANCELLED, REACTIVATED, EXPIRED, EXTENDED)

subscription_changed = Signal()
payment_received = Signal()
