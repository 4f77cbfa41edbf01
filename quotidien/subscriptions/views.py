"""Readers' subscription pages: the offers, paying by card, "Mon abonnement" and its
one-step cancellation; and the address where Stripe reports what happened."""

import logging
from importlib import import_module

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from quotidien.news.templatetags.news_tags import french_date
from quotidien.syndication.links import public_url

from . import services
from .access import free_articles_left
from .contact import Contact, service_contact
from .models import Payment, Price, Subscription
from .offers import Offer, card_payments_enabled, offers_in, reader_currency

logger = logging.getLogger(__name__)


def _card_module(name: str):
    """`payments` or `webhooks`, imported when a reader or Stripe acts on a card payment:
    Stripe's library weighs about 20 MB in each web worker that loads it, and most of the
    site's requests never need it (a test keeps it out of a worker serving pages)."""
    return import_module(f"{__package__}.{name}")


def offers(request: HttpRequest) -> HttpResponse:
    """The plans on offer, each with its price in the reader's currency first, and a button
    to choose it: Stripe Checkout, an e-mail to the Service abonnés when card payment is
    off, or for anonymous readers the plan's page, which asks them for an account.

    Anonymous readers get no form, so the page cache keeps the page (a change of plan or
    price outdates it).
    """
    shown = offers_in(reader_currency(request.user))
    return _offers_page(request, "subscriptions/offers.html", shown)


def choose(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan a reader chose: an anonymous reader is asked to create an account or log in,
    and comes back here to pay it; others get the offers page's button for it."""
    shown = offers_in(reader_currency(request.user))
    chosen = [offer for offer in shown if offer.plan.slug == slug]
    if not chosen:
        raise Http404(_("Cette offre n’est pas proposée."))
    return _offers_page(request, "subscriptions/choose.html", chosen, plan=chosen[0].plan)


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
            "offers": [(offer, _request_mail(request, contact, offer)) for offer in shown],
            "card_payments": card_payments_enabled(),
            "current": current,
            "contact": contact,
            **context,
        },
    )


def _request_mail(request: HttpRequest, contact: Contact, offer: Offer) -> str:
    """The e-mail a reader writes to the Service abonnés to subscribe to `offer`."""
    if not request.user.is_authenticated:
        return ""
    plan = offer.plan.name
    price = f"{floatformat(offer.price.amount, '-2g')} {offer.price.currency}"
    if offer.plan.interval == offer.plan.Interval.YEAR:
        price = _("%(price)s par an") % {"price": price}
    else:
        price = _("%(price)s par mois") % {"price": price}
    return contact.mail(
        subject=_("Abonnement : %(plan)s") % {"plan": plan},
        body=_(
            "Bonjour,\n\nJe souhaite m’abonner à l’offre « %(plan)s » (%(price)s).\n"
            "Adresse de mon compte : %(email)s\n\nComment puis-je la régler ?\n"
        )
        % {"plan": plan, "price": price, "email": request.user.email},
    )


@login_required
@require_POST
def checkout(request: HttpRequest) -> HttpResponse:
    """Send the reader to Stripe Checkout for the plan and currency they chose."""
    price = (
        Price.objects.select_related("plan")
        .filter(
            plan__slug=request.POST.get("plan", ""),
            plan__available=True,
            currency=request.POST.get("currency", ""),
        )
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
    webhooks = _card_module("webhooks")
    try:
        webhooks.receive(payload=request.body, signature=request.headers.get("Stripe-Signature"))
    except webhooks.BadSignature as error:
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponseBadRequest(_("Signature invalide."), content_type="text/plain")
    except webhooks.MalformedEvent as error:
        logger.error("Stripe webhook event not applied: %s", error)
        return HttpResponseBadRequest(_("Événement mal formé."), content_type="text/plain")
    return HttpResponse(_("Reçu."), content_type="text/plain")


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
            # A reader without access by subscription reads through the meter.
            "free_left": None
            if current is not None and current.gives_access
            else free_articles_left(request.user),
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


def _change_own(request: HttpRequest, *, by_card: str, manual, done: str) -> HttpResponse:
    """Run `payments.<by_card>` on the reader's card subscription, `manual` on a manual one,
    then tell the reader `done` (its `%(date)s` the end of the period) or what went wrong."""
    subscription = _own_subscription(request)
    try:
        if subscription.source == Subscription.Source.STRIPE:
            getattr(_card_module("payments"), by_card)(subscription=subscription, by=request.user)
        else:
            manual(subscription=subscription, by=request.user)
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
