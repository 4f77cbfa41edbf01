"""Manual subscriptions: what the Service abonnés does for readers who pay by cash or
transfer, and what a reader does to their own manual subscription.

Used by the back office, "Mon abonnement" and commands alike. Each function checks what it
is asked, changes the rows in one transaction, writes the change in Wagtail's audit log
(`subscriptions.*` actions, see `wagtail_hooks.py`) and, once committed, sends the signals
of `signals.py`, so e-mails and statistics never hear of a change that was rolled back.
"""

import calendar
from datetime import MAXYEAR, date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from quotidien.french.dates import french_date

from . import signals
from .models import MANUAL_METHODS, Payment, Plan, Price, Subscription, SubscriptionRequest
from .permissions import can_manage_subscriptions

# Card payments arrive through Stripe only; the Service abonnés records the others.
# The furthest a subscription's end may be: past it, a date is a typing slip, and one more
# period could leave the calendar (year 9999).
LONGEST_AHEAD = timedelta(days=100 * 366)

ACTIVATE = "subscriptions.activate"
EXTEND = "subscriptions.extend"
CANCEL = "subscriptions.cancel"
REACTIVATE = "subscriptions.reactivate"
EXPIRE = "subscriptions.expire"
PAYMENT = "subscriptions.payment"
PAYMENT_FAILED = "subscriptions.payment_failed"
STRIPE_UPDATE = "subscriptions.stripe_update"
REQUEST = "subscriptions.request"
REQUEST_DONE = "subscriptions.request_done"
REQUEST_FILED = "subscriptions.request_filed"


def plan_price(*, plan: Plan, currency: str) -> Price:
    """The plan's price in `currency`, or a ValidationError saying how to get one."""
    price = plan.price_in(currency)
    if price is None:
        raise ValidationError(
            _(
                "L’offre « %(plan)s » n’a pas de prix en %(currency)s : choisissez une autre "
                "devise, ou ajoutez ce prix à l’offre dans Abonnements › Offres."
            )
            % {"plan": plan.name, "currency": currency},
            code="no_price",
        )
    return price


def add_periods(start: datetime, *, interval: str, periods: int) -> datetime:
    """`start` moved on by `periods` months or years, the same day of the month when it
    exists (31 January + 1 month = 28 or 29 February), in the site's time zone."""
    months = periods * (12 if interval == Plan.Interval.YEAR else 1)
    local = timezone.localtime(start)
    index = local.month - 1 + months
    year, month = local.year + index // 12, index % 12 + 1
    if year > MAXYEAR:
        raise _too_far()
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day)


def end_of_day(day: date | datetime) -> datetime:
    """A date the reader is paid up to, as the last second of that day in the site's time
    zone: the reader reads all of that day. A datetime is taken as it is."""
    if isinstance(day, datetime):
        return day if timezone.is_aware(day) else timezone.make_aware(day)
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def _check_periods(periods) -> int:
    if periods is None or int(periods) < 1:
        raise ValidationError(
            _("Indiquez un nombre de périodes d’au moins 1, ou une date de fin."),
            code="periods",
        )
    return int(periods)


def _too_far() -> ValidationError:
    return ValidationError(
        _(
            "La fin de l’abonnement serait à plus de cent ans : choisissez une date plus "
            "proche, ou moins de périodes."
        ),
        code="far_end",
    )


def _check_not_too_far(end: datetime) -> datetime:
    if end - timezone.now() > LONGEST_AHEAD:
        raise _too_far()
    return end


def _check_end(end: datetime, *, after: datetime | None = None) -> datetime:
    now = timezone.now()
    _check_not_too_far(end)
    if end <= now:
        raise ValidationError(
            _(
                "La date de fin (%(date)s) est passée : choisissez une date à venir, ou un "
                "nombre de périodes."
            )
            % {"date": french_date(end)},
            code="past_end",
        )
    if after is not None and end <= after:
        raise ValidationError(
            _(
                "La nouvelle date de fin doit venir après la date actuelle (%(date)s) : "
                "choisissez une date plus lointaine."
            )
            % {"date": french_date(after)},
            code="not_later",
        )
    return end


def _check_amount(value, *, code: str, zero_allowed: bool) -> Decimal:
    try:
        value = Decimal(value)
    except (ArithmeticError, TypeError, ValueError):
        value = Decimal("-1")
    if not value.is_finite() or value < 0 or (value == 0 and not zero_allowed):
        raise ValidationError(
            _("Le montant doit être un nombre positif, par exemple 12.50."), code=code
        )
    return value.quantize(Decimal("0.01"))


def _check_method(method) -> str:
    if method not in MANUAL_METHODS:
        raise ValidationError(
            _(
                "Choisissez comment le lecteur a payé : espèces, virement ou autre. Les "
                "paiements par carte arrivent d’eux-mêmes par Stripe."
            ),
            code="method",
        )
    return method


def _check_staff(by) -> None:
    if not can_manage_subscriptions(by):
        raise PermissionDenied(_("Seul le Service abonnés gère les abonnements des lecteurs."))


def _check_staff_or_reader(by, subscription: Subscription) -> None:
    if by is None or (by.pk != subscription.user_id and not can_manage_subscriptions(by)):
        raise PermissionDenied(_("Seul le Service abonnés ou l’abonné gère cet abonnement."))


def _check_manual(subscription: Subscription) -> None:
    if subscription.source == Subscription.Source.STRIPE:
        raise ValidationError(
            _(
                "Cet abonnement est payé par carte : il se résilie, se réactive et se prolonge "
                "chez Stripe, par le lecteur dans « Mon abonnement » ou depuis le tableau de "
                "bord Stripe ; le changement arrive ici de lui-même."
            ),
            code="stripe",
        )


def _staff(by, subscription: Subscription):
    """Who the signals name: the staff member who made the change, None for the reader."""
    return None if by is None or by.pk == subscription.user_id else by


def _record_payment(
    subscription: Subscription, *, amount: Decimal, method: str, by, note: str
) -> Payment:
    payment = Payment.objects.create(
        subscription=subscription,
        amount=amount,
        currency=subscription.currency,
        method=method,
        period_end=subscription.current_period_end,
    )
    log(
        subscription,
        PAYMENT,
        user=by,
        data={
            "payment": payment.pk,
            "amount": str(amount),
            "currency": subscription.currency,
            "method": method,
            "note": note,
        },
    )
    return payment


def _announce(subscription: Subscription, change: str, by, payments=()) -> None:
    staff = _staff(by, subscription)

    def send():
        signals.subscription_changed.send(
            sender=Subscription, subscription=subscription, change=change, user=staff
        )
        for payment in payments:
            signals.payment_received.send(sender=Payment, payment=payment)

    transaction.on_commit(send)


def _log(subscription: Subscription, action: str, *, by, note: str, **data) -> None:
    data = {key: str(value) if isinstance(value, Decimal) else value for key, value in data.items()}
    if subscription.current_period_end:
        data["until"] = subscription.current_period_end.isoformat()
    log(subscription, action, user=by, data={"note": note, **data})


def activate(
    *,
    user,
    plan: Plan,
    currency: str,
    amount: Decimal | None = None,
    until: date | datetime | None = None,
    periods: int = 1,
    method: str,
    received: Decimal | None = None,
    note: str = "",
    by,
) -> Subscription:
    """Open a manual subscription for `user`, paid by hand, up to `until` (a date: that whole
    day) or for `periods` months or years of the plan from today.

    `amount` is the price per period (the plan's price in `currency` by default);
    `received` what the reader paid now (by default `amount` × `periods`, or `amount` with
    an end date), recorded as a Payment; 0 records none (a free subscription). The reader's
    pending requests are done with it.
    """
    _check_staff(by)
    price = plan_price(plan=plan, currency=currency)
    amount = (
        price.amount if amount is None else _check_amount(amount, code="amount", zero_allowed=False)
    )
    method = _check_method(method)
    note = (note or "").strip()
    now = timezone.now()
    if until is not None:
        end, count = _check_end(end_of_day(until)), 1
    else:
        count = _check_periods(periods)
        end = _check_not_too_far(add_periods(now, interval=plan.interval, periods=count))
    received = (
        amount * count
        if received is None
        else _check_amount(received, code="received", zero_allowed=True)
    )

    with transaction.atomic():
        # One reader's row locked: two clerks activating at once make one subscription.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        current = (
            Subscription.objects.giving_access()
            .filter(user=user)
            .order_by("-current_period_end")
            .first()
        )
        if current is not None:
            raise ValidationError(
                _(
                    "%(reader)s est déjà abonné (%(plan)s, jusqu’au %(date)s) : prolongez cet "
                    "abonnement plutôt que d’en ouvrir un second."
                )
                % {
                    "reader": user.email or user.get_username(),
                    "plan": current.plan.name,
                    "date": french_date(current.current_period_end),
                },
                code="already_subscribed",
            )
        subscription = Subscription.objects.create(
            user=user,
            plan=plan,
            status=Subscription.Status.ACTIVE,
            source=Subscription.Source.MANUAL,
            currency=currency,
            amount=amount,
            started_at=now,
            current_period_end=end,
            note=note,
        )
        _log(
            subscription,
            ACTIVATE,
            by=by,
            note=note,
            plan=plan.name,
            amount=amount,
            currency=currency,
        )
        payments = (
            [_record_payment(subscription, amount=received, method=method, by=by, note=note)]
            if received
            else []
        )
        _close_requests(subscription, by=by)
    _announce(subscription, signals.ACTIVATED, by, payments)
    return subscription


def extend(
    *,
    subscription: Subscription,
    until: date | datetime | None = None,
    periods: int | None = None,
    method: str | None = None,
    received: Decimal | None = None,
    note: str = "",
    by,
) -> Subscription:
    """Move the end of a running manual subscription to `until`, or on by `periods` from
    its current end; with `method`, record what the reader paid (`received`, by default
    the price per period × `periods`)."""
    _check_staff(by)
    _check_manual(subscription)
    if until is not None and periods is not None:
        raise ValidationError(
            _("Indiquez une nouvelle date de fin ou un nombre de périodes, pas les deux."),
            code="until_or_periods",
        )
    if until is None and periods is None:
        raise ValidationError(
            _("Indiquez la nouvelle date de fin, ou le nombre de périodes à ajouter."),
            code="until_or_periods",
        )
    if received is not None:
        received = _check_amount(received, code="received", zero_allowed=True)
    if method is not None:
        method = _check_method(method)
    elif received:
        raise ValidationError(
            _("Indiquez comment le lecteur a payé les %(amount)s reçus.") % {"amount": received},
            code="method",
        )
    note = (note or "").strip()

    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update().select_related("plan").get(pk=subscription.pk)
        )
        _check_running(subscription)
        now = timezone.now()
        current_end = subscription.current_period_end or now
        if until is not None:
            end, count = _check_end(end_of_day(until), after=current_end), 1
        else:
            count = _check_periods(periods)
            end = _check_not_too_far(
                add_periods(
                    max(current_end, now), interval=subscription.plan.interval, periods=count
                )
            )
        if method is not None and received is None:
            received = subscription.amount * count
        subscription.current_period_end = end
        subscription.save(update_fields=["current_period_end", "updated_at"])
        _log(subscription, EXTEND, by=by, note=note, previous_end=current_end.isoformat())
        payments = (
            [_record_payment(subscription, amount=received, method=method, by=by, note=note)]
            if method is not None and received
            else []
        )
    _announce(subscription, signals.EXTENDED, by, payments)
    return subscription


def _check_running(subscription: Subscription) -> None:
    if subscription.status == Subscription.Status.CANCELLED:
        raise ValidationError(
            _("Cet abonnement est résilié : réactivez-le d’abord, puis prolongez-le."),
            code="cancelled",
        )
    if not subscription.gives_access:
        raise ValidationError(
            _(
                "Cet abonnement a pris fin : ouvrez un nouvel abonnement pour ce lecteur "
                "(Abonnements › Abonnement manuel)."
            ),
            code="ended",
        )


def cancel(*, subscription: Subscription, by, note: str = "") -> Subscription:
    """Cancel a manual subscription, by the Service abonnés or by the reader: it stays
    open until the end of the period paid, then expires."""
    _check_staff_or_reader(by, subscription)
    _check_manual(subscription)
    note = (note or "").strip()
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.status == Subscription.Status.CANCELLED:
            raise ValidationError(
                _("Cet abonnement est déjà résilié ; il reste ouvert jusqu’au %(date)s.")
                % {"date": french_date(subscription.current_period_end)}
                if subscription.current_period_end
                else _("Cet abonnement est déjà résilié."),
                code="already_cancelled",
            )
        if subscription.status not in (
            Subscription.Status.ACTIVE,
            Subscription.Status.PAST_DUE,
        ):
            raise ValidationError(
                _("Cet abonnement n’est pas en cours : il n’y a rien à résilier."),
                code="not_running",
            )
        subscription.status = Subscription.Status.CANCELLED
        subscription.cancel_at_period_end = True
        subscription.cancelled_at = timezone.now()
        subscription.save(
            update_fields=["status", "cancel_at_period_end", "cancelled_at", "updated_at"]
        )
        _log(subscription, CANCEL, by=by, note=note)
    _announce(subscription, signals.CANCELLED, by)
    return subscription


def reactivate(*, subscription: Subscription, by, note: str = "") -> Subscription:
    """Undo the cancellation of a manual subscription whose paid period still runs."""
    _check_staff_or_reader(by, subscription)
    _check_manual(subscription)
    note = (note or "").strip()
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.status != Subscription.Status.CANCELLED:
            raise ValidationError(
                _("Cet abonnement n’est pas résilié : il n’y a rien à réactiver."),
                code="not_cancelled",
            )
        if not subscription.gives_access:
            raise ValidationError(
                _(
                    "La période payée de cet abonnement est terminée : ouvrez un nouvel "
                    "abonnement pour ce lecteur (Abonnements › Abonnement manuel)."
                ),
                code="ended",
            )
        subscription.status = Subscription.Status.ACTIVE
        subscription.cancel_at_period_end = False
        subscription.cancelled_at = None
        subscription.save(
            update_fields=["status", "cancel_at_period_end", "cancelled_at", "updated_at"]
        )
        _log(subscription, REACTIVATE, by=by, note=note)
    _announce(subscription, signals.REACTIVATED, by)
    return subscription


def expire(*, subscription: Subscription) -> Subscription:
    """Close `subscription`, whose period paid has ended (the daily sweep does it for manual
    subscriptions, Stripe's events for the others): logged, and announced once committed."""
    subscription.status = Subscription.Status.EXPIRED
    subscription.ended_at = subscription.current_period_end
    subscription.save(update_fields=["status", "ended_at", "updated_at"])
    _log(subscription, EXPIRE, by=None, note="")
    _announce(subscription, signals.EXPIRED, None)
    return subscription


def file_request(
    *, user, plan: Plan, currency: str, method: str, phone: str = "", message: str = ""
) -> SubscriptionRequest:
    """Record `user`'s request to subscribe to `plan` and pay by hand: logged, and once
    committed the reader is sent its confirmation by the worker."""
    from .tasks import send_request_confirmation

    if not plan.available:
        raise ValidationError(
            _("Cette offre n’est plus proposée : choisissez-en une autre."), code="plan"
        )
    plan_price(plan=plan, currency=currency)
    if method not in MANUAL_METHODS:
        raise ValidationError(_("Choisissez comment vous réglerez."), code="method")
    request = SubscriptionRequest.objects.create(
        user=user,
        plan=plan,
        currency=currency,
        method=method,
        phone=(phone or "").strip(),
        message=(message or "").strip(),
    )
    log(
        request,
        REQUEST,
        user=user,
        data={"plan": plan.name, "currency": currency, "method": method, "note": request.message},
    )
    transaction.on_commit(lambda: send_request_confirmation.enqueue(request.pk))
    return request


def _close_requests(subscription: Subscription, *, by) -> None:
    """Mark the reader's pending requests done by `subscription`, however the Service
    abonnés opened it: from a request or not, they are answered."""
    pending = SubscriptionRequest.objects.select_for_update().filter(
        user=subscription.user_id, status=SubscriptionRequest.Status.PENDING
    )
    now = timezone.now()
    for subscription_request in pending:
        subscription_request.status = SubscriptionRequest.Status.DONE
        subscription_request.handled_at = now
        subscription_request.subscription = subscription
        subscription_request.save(update_fields=["status", "handled_at", "subscription"])
        log(
            subscription_request,
            REQUEST_DONE,
            user=by,
            data={"subscription": subscription.pk, "note": ""},
        )


def file_away_request(*, subscription_request: SubscriptionRequest, by) -> SubscriptionRequest:
    """Close a pending request without a subscription (the reader changed their mind, never
    paid, asked twice): it leaves the list of requests to handle, logged."""
    _check_staff(by)
    filed = {"status": SubscriptionRequest.Status.FILED, "handled_at": timezone.now()}
    with transaction.atomic():
        # Only a pending one: the update is the guard against filing it twice.
        pending = SubscriptionRequest.objects.filter(
            pk=subscription_request.pk, status=SubscriptionRequest.Status.PENDING
        )
        if not pending.update(**filed):
            raise ValidationError(_("Cette demande n’est plus à traiter."), code="not_pending")
        for field, value in filed.items():
            setattr(subscription_request, field, value)
        log(subscription_request, REQUEST_FILED, user=by, data={"note": ""})
    return subscription_request


def forget_requests(*, reader) -> None:
    """`reader` closed their account: the Service abonnés calls no one who has left.
    Requests still to handle are filed (logged), and every request loses the telephone
    and message it held, in its history too, whose entries no longer name the account as
    it was (the plan and dates stay, for the service's counts)."""
    requests = SubscriptionRequest.objects.filter(user=reader)
    now = timezone.now()
    for pending in requests.filter(status=SubscriptionRequest.Status.PENDING):
        pending.status, pending.handled_at = SubscriptionRequest.Status.FILED, now
        pending.save(update_fields=["status", "handled_at"])
        log(pending, REQUEST_FILED, user=reader, data={"note": ""})
    requests.update(phone="", message="")
    labels = {str(request.pk): str(request) for request in requests.select_related("user", "plan")}
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(SubscriptionRequest),
        object_id__in=labels,
    )
    for entry in entries:
        entry.label = labels[entry.object_id]
        if isinstance(entry.data, dict) and entry.data.get("note"):
            entry.data = {**entry.data, "note": ""}
        entry.save(update_fields=["label", "data"])
