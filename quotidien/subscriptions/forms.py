"""The Service abonnés' forms: activate, extend, cancel or reactivate a manual subscription,
and choose the period of the churn figure. They check what a form can; the rules live in
`services.py`."""

from datetime import date, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from .models import (
    MANUAL_METHOD_CHOICES,
    MANUAL_METHODS,
    PAYING,
    Currency,
    Payment,
    Plan,
    SubscriptionRequest,
)
from .money import format_price


class SubscriptionRequestForm(forms.ModelForm):
    """A reader's request to subscribe to `plan` and pay by hand: the currency among the
    plan's prices, how they will pay, a telephone if they wish, a message."""

    class Meta:
        model = SubscriptionRequest
        fields = ["currency", "method", "phone", "message"]
        labels = {
            "currency": _("Devise"),
            "method": _("Je réglerai"),
            "phone": _("Téléphone (facultatif)"),
            "message": _("Message au Service abonnés (facultatif)"),
        }
        help_texts = {"phone": _("Pour que le Service abonnés vous rappelle, s’il le faut.")}
        widgets = {
            "method": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "message": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        priced = {price.currency: price for price in plan.prices.all()}
        # A transfer first, the usual way; "other" says where to tell which.
        labels = {
            **PAYING,
            Payment.Method.OTHER: _("d’une autre façon (précisez-la dans le message)"),
        }
        self.fields["method"].choices = [
            (method.value, labels[method])
            for method in sorted(MANUAL_METHODS, key=lambda m: m != Payment.Method.TRANSFER)
        ]
        self.fields["currency"].choices = [
            (code, format_price(priced[code].amount, code))
            for code in Currency.values
            if code in priced
        ]


class NoteForm(forms.Form):
    """A note kept in the subscription's history with the change."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pourquoi, à la demande de qui : elle reste dans l’historique."),
    )


class PaymentFields(NoteForm):
    until = forms.DateField(
        label=_("Jusqu’au"),
        required=False,
        widget=AdminDateInput,
        help_text=_("Le dernier jour d’accès ; vide : le nombre de périodes compte."),
    )
    periods = forms.IntegerField(
        label=_("Nombre de périodes"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("Des mois ou des années, selon l’offre."),
    )
    received = forms.DecimalField(
        label=_("Montant reçu"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Vide : le prix par période × le nombre de périodes ; 0 : rien reçu."),
    )


class ActivationForm(PaymentFields):
    """Open a manual subscription for a reader found by e-mail."""

    field_order = [
        "email",
        "plan",
        "currency",
        "amount",
        "periods",
        "until",
        "method",
        "received",
        "note",
    ]

    email = forms.EmailField(label=_("Adresse e-mail du lecteur"))
    plan = forms.ModelChoiceField(
        label=_("Offre"), queryset=Plan.objects.prefetch_related("prices"), empty_label=None
    )
    currency = forms.ChoiceField(label=_("Devise"), choices=Currency.choices)
    amount = forms.DecimalField(
        label=_("Prix par période"),
        required=False,
        min_value=0.01,
        max_digits=12,
        decimal_places=2,
        help_text=_("Vide : le prix de l’offre dans cette devise."),
    )
    method = forms.ChoiceField(label=_("Moyen de paiement"), choices=MANUAL_METHOD_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periods"].initial = 1

    def clean_email(self) -> object:
        email = self.cleaned_data["email"]
        readers = list(get_user_model().objects.filter(email__iexact=email)[:2])
        if not readers:
            raise forms.ValidationError(
                _(
                    "Aucun compte n’a l’adresse %(email)s : vérifiez-la, ou demandez au lecteur "
                    "de créer son compte sur le site d’abord."
                )
                % {"email": email},
                code="unknown_reader",
            )
        if len(readers) > 1:
            raise forms.ValidationError(
                _(
                    "Plusieurs comptes ont l’adresse %(email)s : demandez à un administrateur "
                    "de les fusionner."
                )
                % {"email": email},
                code="several_readers",
            )
        self.reader = readers[0]
        return email


class ExtensionForm(PaymentFields):
    """Move the end of a manual subscription, with or without a payment."""

    field_order = ["until", "periods", "method", "received", "note"]

    method = forms.ChoiceField(
        label=_("Moyen de paiement"),
        required=False,
        choices=[("", _("— aucun paiement (geste) —")), *MANUAL_METHOD_CHOICES],
    )


class ChurnPeriodForm(forms.Form):
    """The period of the churn figure: the last 30 days by default."""

    debut = forms.DateField(label=_("Du"), required=False, widget=AdminDateInput)
    fin = forms.DateField(label=_("Au"), required=False, widget=AdminDateInput)

    # A period is counted from midnight to the next: days at the ends of the calendar
    # would leave it.
    EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)

    def _within_calendar(self, name: str):
        day = self.cleaned_data[name]
        if day is not None and not self.EARLIEST <= day <= self.LATEST:
            raise forms.ValidationError(
                _("Choisissez une date entre le 1er janvier 1900 et le 31 décembre 2999."),
                code="out_of_range",
            )
        return day

    def clean_debut(self):
        return self._within_calendar("debut")

    def clean_fin(self):
        return self._within_calendar("fin")

    def period(self):
        """(first day, last day) asked for, or the last 30 days when the form is wrong."""
        today = timezone.localdate()
        start, end = today - timedelta(days=30), today
        if self.is_valid():
            start = self.cleaned_data["debut"] or start
            end = self.cleaned_data["fin"] or end
        if end < start:
            start, end = end, start
        return start, end
