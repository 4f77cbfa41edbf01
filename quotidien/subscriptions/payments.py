"""Card payments through Stripe: Checkout to subscribe, the Customer Portal to change the
card, and cancelling or reactivating a subscription at the end of its period.

Every call goes through `stripe_client()`, whose HTTP client tests replace by one that
answers with recorded Stripe answers. Stripe's errors become French messages a reader can
act on (ValidationError with a code); what Stripe said is logged for the operators.
"""

import logging

import stripe
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import services
from .models import Price, Subscription
from .offers import card_payments_enabled
from .webhooks import apply_subscription_state

logger = logging.getLogger(__name__)

# None: the stripe library's own HTTP client. Tests put a client with recorded answers here.
HTTP_CLIENT: stripe.HTTPClient | None = None


def stripe_client() -> stripe.StripeClient:
    """A Stripe client for this site's account; ValidationError when card payments are off."""
    if not card_payments_enabled():
        raise ValidationError(
            _(
                "Le paiement par carte n’est pas proposé pour le moment : "
                "contactez le Service abonnés pour vous abonner."
            ),
            code="card_payments_off",
        )
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, http_client=HTTP_CLIENT, max_network_retries=1
    )


# What the reader was doing when Stripe failed, as the log names it.
CHECKOUT = "a checkout session"


def reader_message(error: stripe.StripeError, *, doing: str) -> ValidationError:
    """The French message a reader gets for a Stripe error; the error itself is logged."""
    logger.warning(
        "Stripe refused %s: %s (code %s, request %s)",
        doing,
        error.user_message or str(error),
        getattr(error, "code", None),
        getattr(error, "request_id", None),
    )
    if isinstance(error, stripe.APIConnectionError | stripe.RateLimitError):
        message = _(
            "Le service de paiement ne répond pas pour le moment. Rien n’a été débité : "
            "réessayez dans quelques minutes."
        )
        if doing == CHECKOUT:
            # Who cannot wait to subscribe has another way to pay.
            message = _(
                "Le service de paiement ne répond pas pour le moment. Rien n’a été débité : "
                "réessayez dans quelques minutes, ou écrivez au Service abonnés, qui peut "
                "vous abonner par virement ou en espèces."
            )
        return ValidationError(message, code="stripe_unavailable")
    if isinstance(error, stripe.AuthenticationError | stripe.PermissionError):
        logger.error("Stripe rejects the site's key: check STRIPE_SECRET_KEY (%s)", error)
        return ValidationError(
            _(
                "Le paiement par carte est momentanément indisponible. Rien n’a été débité : "
                "contactez le Service abonnés, qui peut vous abonner."
            ),
            code="stripe_configuration",
        )
    if isinstance(error, stripe.CardError):
        return ValidationError(
            _("Votre carte a été refusée : %(reason)s Essayez une autre carte.")
            % {"reason": error.user_message or ""},
            code="card_declined",
        )
    return ValidationError(
        _(
            "Le service de paiement n’a pas pu traiter votre demande. Rien n’a été débité : "
            "réessayez, ou contactez le Service abonnés si cela se reproduit."
        ),
        code="stripe_error",
    )


def earlier_customer_id(user) -> str:
    """The Stripe customer of the reader's earlier card subscriptions, so Stripe knows them."""
    return (
        Subscription.objects.filter(user=user)
        .exclude(stripe_customer_id="")
        .order_by("-started_at", "-pk")
        .values_list("stripe_customer_id", flat=True)
        .first()
        or ""
    )


def checkout_url(*, user, price: Price, success_url: str, cancel_url: str) -> str:
    """The address of a Stripe Checkout page where `user` subscribes to `price`'s plan.

    The session names the reader (client_reference_id and metadata, copied onto the Stripe
    subscription) so that the webhook links what Stripe reports to them in any order.
    """
    if not price.plan.available:
        raise ValidationError(_("Cette offre n’est plus proposée."), code="unavailable")
    if not price.stripe_price_id:
        raise ValidationError(
            _(
                "Cette offre ne se paie pas par carte en %(currency)s : choisissez une autre "
                "devise, ou contactez le Service abonnés."
            )
            % {"currency": price.get_currency_display()},
            code="no_card_price",
        )
    current = Subscription.objects.giving_access().filter(user=user).first()
    if current is not None:
        raise ValidationError(
            _("Vous êtes déjà abonné (%(plan)s) : gérez votre abonnement dans « Mon abonnement ».")
            % {"plan": current.plan.name},
            code="already_subscribed",
        )
    client = stripe_client()
    reader = {"user_id": str(user.pk), "plan": price.plan.slug}
    params = {
        "mode": "subscription",
        "line_items": [{"price": price.stripe_price_id, "quantity": 1}],
        "client_reference_id": str(user.pk),
        "metadata": {**reader, "price_id": price.stripe_price_id},
        "subscription_data": {"metadata": reader},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": "fr",
    }
    if customer := earlier_customer_id(user):
        params["customer"] = customer
    elif user.email:
        params["customer_email"] = user.email
    try:
        session = client.v1.checkout.sessions.create(params)
    except stripe.StripeError as error:
        raise reader_message(error, doing=CHECKOUT) from error
    return session.url


def portal_url(*, subscription: Subscription, return_url: str) -> str:
    """The address of Stripe's Customer Portal, where the reader changes their card."""
    if subscription.source != Subscription.Source.STRIPE or not subscription.stripe_customer_id:
        raise ValidationError(
            _("Cet abonnement n’est pas payé par carte : contactez le Service abonnés."),
            code="not_by_card",
        )
    client = stripe_client()
    try:
        session = client.v1.billing_portal.sessions.create(
            {"customer": subscription.stripe_customer_id, "return_url": return_url, "locale": "fr"}
        )
    except stripe.StripeError as error:
        raise reader_message(error, doing="a customer portal session") from error
    return session.url


def _set_cancel_at_period_end(*, subscription: Subscription, cancel: bool, by) -> Subscription:
    if subscription.source != Subscription.Source.STRIPE or not subscription.stripe_subscription_id:
        raise ValidationError(
            _("Cet abonnement n’est pas payé par carte : contactez le Service abonnés."),
            code="not_by_card",
        )
    client = stripe_client()
    try:
        answer = client.v1.subscriptions.update(
            subscription.stripe_subscription_id, {"cancel_at_period_end": cancel}
        )
    except stripe.StripeError as error:
        raise reader_message(
            error, doing="cancelling a subscription" if cancel else "reactivating a subscription"
        ) from error
    # Stripe's answer is the subscription as it now is: the reader sees it at once, and the
    # webhook's event that follows finds nothing left to change.
    apply_subscription_state(
        subscription=subscription,
        stripe_subscription=answer.to_dict(),
        action=services.CANCEL if cancel else services.REACTIVATE,
        by=by,
    )
    return subscription


def cancel_at_period_end(*, subscription: Subscription, by=None) -> Subscription:
    """Cancel a card subscription: no more payments, access until the end of the period paid."""
    if subscription.status not in (Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE):
        raise ValidationError(
            _("Cet abonnement n’est pas en cours : il n’y a rien à résilier."),
            code="not_running",
        )
    return _set_cancel_at_period_end(subscription=subscription, cancel=True, by=by)


def reactivate(*, subscription: Subscription, by=None) -> Subscription:
    """Undo a cancellation while the period paid still runs: payments resume at its end."""
    if not (subscription.cancel_at_period_end and subscription.gives_access):
        raise ValidationError(
            _(
                "Cet abonnement ne peut plus être réactivé : sa période est terminée. "
                "Abonnez-vous de nouveau depuis la page des offres."
            ),
            code="not_reactivable",
        )
    return _set_cancel_at_period_end(subscription=subscription, cancel=False, by=by)
