"""Readers' subscription pages: the offers, paying by card, "Mon abonnement" and its
one-step cancellation; and the address where Stripe reports what happened."""

import logging
from datetime import timedelta
from importlib import import_module

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from quotidien.errors import NotFound
from quotidien.french.dates import french_date
from quotidien.links import public_url
from quotidien.ratelimits import limits

from . import services
from .access import free_articles_left
from .contact import payment_instructions, service_contact
from .forms import SubscriptionRequestForm
from .models import Payment, Price, Subscription, SubscriptionRequest, month_start
from .money import format_amount
from .offers import Offer, card_payments_enabled, offers_in, reader_currency

logger = logging.getLogger(__name__)


def _card_module(name: str):
    """`payments` or `webhooks`, imported when a reader or Stripe acts on a card payment:
    Stripe's library weighs about 20 MB in each web worker that loads it, and most of the
    site's requests never need it (a test keeps it out of a worker serving pages)."""
    return import_module(f"{__package__}.{name}")


def offers(request: HttpRequest) -> HttpResponse:
    """The plans on offer, each with its price in the reader's currency first, and a button
    to choose it: Stripe Checkout, or the plan's page, which asks anonymous readers for an
    account and, when card payment is off, logged-in ones how they will pay.

    Anonymous readers get no form, so the page cache keeps the page (a change of plan or
    price outdates it).
    """
    shown = offers_in(reader_currency(request.user))
    return _offers_page(request, "subscriptions/offers.html", shown)


def choose(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan a reader chose: an anonymous reader is asked to create an account or log in,
    and comes back here to pay it; others get the offers page's button for it, or when
    card payment is off the form of a request to the Service abonnés."""
    chosen = _chosen(request, slug)
    return _choose_page(request, chosen, _request_form(request, chosen))


def _choose_page(request: HttpRequest, chosen: Offer, form) -> HttpResponse:
    """The page of the plan chosen, with `form`, the reader's request form, if any."""
    return _offers_page(
        request, "subscriptions/choose.html", [chosen], plan=chosen.plan, request_form=form
    )


def _chosen(request: HttpRequest, slug: str) -> Offer:
    chosen = [o for o in offers_in(reader_currency(request.user)) if o.plan.slug == slug]
    if not chosen:
        raise NotFound(
            _("Cette offre n’est pas proposée, ou plus."),
            back=(reverse("subscriptions:offers"), _("Voir nos offres")),
        )
    return chosen[0]


def _request_form(request: HttpRequest, offer: Offer, data=None) -> SubscriptionRequestForm | None:
    """The form with which a logged-in reader asks the Service abonnés to subscribe them,
    when the offer cannot be paid by card; None otherwise."""
    if not request.user.is_authenticated or (card_payments_enabled() and offer.by_card):
        return None
    return SubscriptionRequestForm(
        data, plan=offer.plan, initial={"currency": offer.price.currency}
    )


@login_required
@require_POST
def request_subscription(request: HttpRequest, slug: str) -> HttpResponse:
    """Record a reader's request to subscribe and pay by hand; then its confirmation page.
    A reader sends settings.QUOTIDIEN_RATE_LIMITS["subscription-request"] a day at most."""
    chosen = _chosen(request, slug)
    form = _request_form(request, chosen, request.POST)
    if form is None:
        return redirect("subscriptions:choose", slug=slug)
    if form.is_valid():
        verdict = limits.hit("subscription-request", request.user.pk)
        if not verdict:
            form.add_error(
                None,
                _(
                    "Vous avez déjà envoyé plusieurs demandes aujourd’hui : le Service "
                    "abonnés les a reçues et vous répond ; %(wait)s."
                )
                % {"wait": limits.wait_message(verdict.retry_after)},
            )
            return limits.stopped(_choose_page(request, chosen, form), verdict)
        data = form.cleaned_data
        try:
            filed = services.file_request(
                user=request.user,
                plan=chosen.plan,
                currency=data["currency"],
                method=data["method"],
                phone=data["phone"],
                message=data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("subscriptions:request_sent", pk=filed.pk)
    page = _choose_page(request, chosen, form)
    page.status_code = 400
    return page


@never_cache
@login_required
def request_sent(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation of the reader's own subscription request."""
    filed = get_object_or_404(
        SubscriptionRequest.objects.select_related("plan"), pk=pk, user=request.user
    )
    return render(
        request,
        "subscriptions/request_sent.html",
        {
            "filed": filed,
            "price": filed.price,
            "contact": service_contact(),
            "paying": payment_instructions(request),
        },
    )


def _offers_page(
    request: HttpRequest, template: str, shown: list[Offer], **context
) -> HttpResponse:
    current = None
    if request.user.is_authenticated:
        current = (
            Subscription.objects.giving_access()
            .filter(user=request.user)
            .select_related("plan")
            .first()
        )
    contact = service_contact()
    return render(
        request,
        template,
        {
            "offers": shown,
            "card_payments": card_payments_enabled(),
            "current": current,
            "contact": contact,
            **context,
        },
    )


@login_required
@require_POST
def checkout(request: HttpRequest) -> HttpResponse:
    """Send the reader to Stripe Checkout for the plan and currency they chose."""
    plan, currency = request.POST.get("plan", ""), request.POST.get("currency", "")
    price = None
    # A NUL is in no plan's slug nor currency (and PostgreSQL refuses it in a query).
    if "\x00" not in plan + currency:
        price = (
            Price.objects.select_related("plan")
            .filter(plan__slug=plan, plan__available=True, currency=currency)
            .first()
        )
    if price is None:
        messages.error(
            request,
            _("Choisissez une offre et une devise parmi celles de la liste, puis réessayez."),
        )
        return redirect("subscriptions:offers")
    try:
        url = _card_module("payments").checkout_url(
            user=request.user,
            price=price,
            success_url=public_url(reverse("subscriptions:thanks")),
            cancel_url=public_url(reverse("subscriptions:offers")),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("subscriptions:offers")
    return redirect(url)


@never_cache
@login_required
def thanks(request: HttpRequest) -> HttpResponse:
    """Where Stripe Checkout sends the reader back once they have paid."""
    current = Subscription.objects.filter(user=request.user).select_related("plan").first()
    return render(request, "subscriptions/thanks.html", {"subscription": current})


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Stripe's events: 400 for what Stripe did not sign, 200 once an event is kept."""
    text = "text/plain; charset=utf-8"
    webhooks = _card_module("webhooks")
    try:
        webhooks.receive(payload=request.body, signature=request.headers.get("Stripe-Signature"))
    except webhooks.BadSignature as error:
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponseBadRequest(_("Signature invalide."), content_type=text)
    except webhooks.MalformedEvent as error:
        logger.error("Stripe webhook event not applied: %s", error)
        return HttpResponseBadRequest(_("Événement mal formé."), content_type=text)
    return HttpResponse(_("Reçu."), content_type=text)


def _current(subscriptions: list[Subscription]) -> Subscription | None:
    """The subscription "Mon abonnement" is about: the one that opens articles, else the
    one awaiting its first payment, else the latest."""
    for wanted in (lambda s: s.gives_access, lambda s: s.status == Subscription.Status.INCOMPLETE):
        for subscription in subscriptions:
            if wanted(subscription):
                return subscription
    return subscriptions[0] if subscriptions else None


@never_cache
@login_required
def my_subscription(request: HttpRequest) -> HttpResponse:
    """ "Mon abonnement": the plan, its state, the next renewal, receipts, and the buttons to
    change the card, cancel in one step or undo the cancellation."""
    subscriptions = list(Subscription.objects.filter(user=request.user).select_related("plan"))
    receipts = Payment.objects.filter(subscription__user=request.user).select_related(
        "subscription__plan"
    )
    current = _current(subscriptions)
    return render(
        request,
        "subscriptions/my_subscription.html",
        {
            "subscription": current,
            "by_card": current is not None and current.source == Subscription.Source.STRIPE,
            "can_cancel": current is not None
            and current.gives_access
            and not current.cancel_at_period_end
            and current.status in (Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE),
            "can_reactivate": current is not None
            and current.gives_access
            and current.cancel_at_period_end,
            "card_payments": card_payments_enabled(),
            "contact": service_contact(),
            "receipts": receipts,
            "earlier": [s for s in subscriptions if s is not current],
            # Sent by the reader and not answered yet by the Service abonnés.
            "waiting": SubscriptionRequest.objects.filter(
                user=request.user, status=SubscriptionRequest.Status.PENDING
            )
            .select_related("plan")
            .order_by("-created_at"),
            # A reader without access by subscription reads through the meter.
            "free_left": None
            if current is not None and current.gives_access
            else free_articles_left(request.user),
            # The meter counts by month: the first of the next.
            "meter_restarts": (month_start() + timedelta(days=31)).replace(day=1),
        },
    )


def _own_subscription(request: HttpRequest) -> Subscription:
    """The reader's own subscription the form names; a 404 for any other value."""
    pk = request.POST.get("subscription", "")
    if not (pk.isascii() and pk.isdigit() and len(pk) < 19):
        raise Http404(_("Cet abonnement n’existe pas."))
    return get_object_or_404(
        Subscription.objects.select_related("plan"), pk=int(pk), user=request.user
    )


def _until(subscription: Subscription) -> str:
    return french_date(subscription.current_period_end)


def _change_own(
    request: HttpRequest, *, by_card: str, manual, done: str, done_manual: str
) -> HttpResponse:
    """Run `payments.<by_card>` on the reader's card subscription, `manual` on a manual one,
    then tell the reader `done` (`done_manual` for a manual one, which is never debited; its
    `%(date)s` the end of the period) or what went wrong."""
    subscription = _own_subscription(request)
    try:
        if subscription.source == Subscription.Source.STRIPE:
            getattr(_card_module("payments"), by_card)(subscription=subscription, by=request.user)
        else:
            manual(subscription=subscription, by=request.user)
            done = done_manual
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("subscriptions:mine")
    subscription.refresh_from_db()
    messages.success(request, done % {"date": _until(subscription)})
    return redirect("subscriptions:mine")


@login_required
@require_POST
def cancel(request: HttpRequest) -> HttpResponse:
    """Cancel in one step, as easily as one subscribes: access stays until the period ends."""
    return _change_own(
        request,
        by_card="cancel_at_period_end",
        manual=services.cancel,
        done=_(
            "Votre abonnement est résilié : vous ne serez plus débité. Vous gardez l’accès "
            "aux articles réservés aux abonnés jusqu’au %(date)s."
        ),
        done_manual=_(
            "Votre abonnement est résilié. Vous gardez l’accès aux articles réservés aux "
            "abonnés jusqu’au %(date)s."
        ),
    )


@login_required
@require_POST
def reactivate(request: HttpRequest) -> HttpResponse:
    """Undo a cancellation while the period paid still runs."""
    return _change_own(
        request,
        by_card="reactivate",
        manual=services.reactivate,
        done=_("Votre abonnement est réactivé : il se renouvellera le %(date)s."),
        done_manual=_("Votre abonnement est réactivé : il reste valable jusqu’au %(date)s."),
    )


@never_cache
@login_required
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt of one of the reader's own payments, a page to read or print."""
    payment = get_object_or_404(
        Payment.objects.select_related("subscription__plan", "subscription__user"),
        pk=pk,
        subscription__user=request.user,
    )
    return render(
        request,
        "subscriptions/receipt.html",
        {
            "payment": payment,
            "amount": format_amount(payment.amount, payment.currency),
            "contact": service_contact(),
        },
    )


@login_required
@require_POST
def change_card(request: HttpRequest) -> HttpResponse:
    """Send the reader to Stripe's Customer Portal to change the card paying the subscription."""
    subscription = _own_subscription(request)
    try:
        url = _card_module("payments").portal_url(
            subscription=subscription,
            return_url=public_url(reverse("subscriptions:mine")),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("subscriptions:mine")
    return redirect(url)
