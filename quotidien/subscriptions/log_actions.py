"""The audit log's subscription actions: their French labels and how each entry reads.

Every change to a subscription is logged under one of these names with Wagtail's
`log()`, whoever makes it: the Service abonnés, the reader, the Stripe webhooks, the worker.
Each entry's `data` may hold a `note` (shown as the entry's comment), the period end
`until` (ISO 8601) and, for payments, `amount`, `currency` and `method`.
"""

from decimal import Decimal

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from quotidien.french.dates import french_date

from . import services
from .models import Payment
from .money import format_amount

LABELS = {
    services.ACTIVATE: (_("Activation"), _("Abonnement activé")),
    services.EXTEND: (_("Prolongation"), _("Abonnement prolongé")),
    services.CANCEL: (_("Résiliation"), _("Abonnement résilié")),
    services.REACTIVATE: (_("Réactivation"), _("Abonnement réactivé")),
    services.EXPIRE: (_("Expiration"), _("Abonnement expiré")),
    services.PAYMENT: (_("Paiement"), _("Paiement reçu")),
    services.PAYMENT_FAILED: (_("Échec de paiement"), _("Paiement par carte refusé")),
    services.STRIPE_UPDATE: (_("Mise à jour Stripe"), _("Mis à jour par Stripe")),
    services.REQUEST: (_("Demande d’abonnement"), _("Demande d’abonnement reçue")),
    services.REQUEST_DONE: (_("Demande traitée"), _("Abonnement ouvert pour la demande")),
    services.REQUEST_FILED: (_("Demande classée"), _("Demande classée sans abonnement")),
}


class SubscriptionLogFormatter(LogFormatter):
    """An entry's message says the period end and the amount when it has them; its
    comment is the note left with the change."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        parts = [str(self.message)]
        if data.get("amount") and data.get("currency"):
            method = data.get("method")
            label = Payment.Method(method).label if method in Payment.Method.values else ""
            paid = format_amount(Decimal(data["amount"]), data["currency"])
            parts.append(paid + (f" ({label})" if label else ""))
        until = parse_datetime(data.get("until") or "")
        if until is not None:
            parts.append(_("jusqu’au %(date)s") % {"date": french_date(until)})
        return " — ".join(parts)

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("note", "")


def register(actions) -> None:
    """Register the subscription actions with Wagtail's log registry."""
    for action, (label, message) in LABELS.items():
        formatter = type(
            "SubscriptionActionFormatter",
            (SubscriptionLogFormatter,),
            {"label": label, "message": message},
        )
        actions.register_action(action)(formatter)
