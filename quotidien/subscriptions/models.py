"""Plans and their prices, readers' subscriptions and payments, and the other ways in to
subscriber articles: institutions' address ranges, the monthly meter, gift links."""

import ipaddress
from datetime import date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from quotidien.french.dates import french_date

from . import institution_ranges


class Currency(models.TextChoices):
    USD = "USD", _("dollar américain (USD)")
    EUR = "EUR", _("euro (EUR)")
    LBP = "LBP", _("livre libanaise (LBP)")


class Plan(ClusterableModel):
    """An offer readers subscribe to: monthly, annual, student…, with a price per currency."""

    class Interval(models.TextChoices):
        MONTH = "month", _("mois")
        YEAR = "year", _("an")

    name = models.CharField(_("nom"), max_length=80)
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    interval = models.CharField(
        _("période"), max_length=5, choices=Interval.choices, default=Interval.MONTH
    )
    available = models.BooleanField(
        _("proposée"),
        default=True,
        help_text=_("Décochée, l’offre n’est plus proposée ; les abonnements en cours restent."),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("interval"),
        FieldPanel("available"),
        FieldPanel("sort_order"),
        InlinePanel("prices", label=_("Prix"), min_num=1),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("offre")
        verbose_name_plural = _("offres")

    def __str__(self) -> str:
        return self.name

    def price_in(self, currency: str) -> "Price | None":
        """The plan's price in `currency` (from `prices` prefetched, if they are), None when
        it has none."""
        return next((p for p in self.prices.all() if p.currency == currency), None)


class Price(models.Model):
    """What a plan costs for one period, in one currency; Stripe's price when paid by card."""

    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="prices")
    currency = models.CharField(_("devise"), max_length=3, choices=Currency.choices)
    amount = models.DecimalField(
        _("montant"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    stripe_price_id = models.CharField(
        _("prix Stripe"),
        max_length=255,
        blank=True,
        help_text=_(
            "L’identifiant price_… de ce prix chez Stripe ; vide : pas de paiement par carte."
        ),
    )

    panels = [FieldPanel("currency"), FieldPanel("amount"), FieldPanel("stripe_price_id")]

    class Meta:
        ordering = ["plan", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "currency"], name="one_price_per_currency")
        ]
        verbose_name = _("prix")
        verbose_name_plural = _("prix")

    def __str__(self) -> str:
        return f"{self.plan} — {self.amount} {self.currency}"


class SubscriptionQuerySet(models.QuerySet):
    def giving_access(self, at=None):
        """Subscriptions that open subscriber articles now: paid up to a date still to come.

        A cancelled subscription gives access until the end of the period paid; one whose
        payment failed keeps it while Stripe retries, until that same date.
        """
        at = at or timezone.now()
        return self.filter(status__in=Subscription.Status.GIVING_ACCESS, current_period_end__gt=at)


class Subscription(models.Model):
    """A reader's subscription to a plan, paid by card through Stripe or by hand."""

    class Status(models.TextChoices):
        INCOMPLETE = "incomplete", _("en attente du premier paiement")
        ACTIVE = "active", _("actif")
        PAST_DUE = "past_due", _("paiement en retard")
        CANCELLED = "cancelled", _("résilié")
        EXPIRED = "expired", _("expiré")

    Status.GIVING_ACCESS = (Status.ACTIVE, Status.PAST_DUE, Status.CANCELLED)

    class Source(models.TextChoices):
        STRIPE = "stripe", _("carte bancaire (Stripe)")
        MANUAL = "manual", _("service abonnés (espèces, virement…)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("abonné"),
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="subscriptions", verbose_name=_("offre")
    )
    status = models.CharField(
        _("état"), max_length=12, choices=Status.choices, default=Status.INCOMPLETE
    )
    source = models.CharField(_("paiement"), max_length=6, choices=Source.choices)
    currency = models.CharField(_("devise"), max_length=3, choices=Currency.choices)
    amount = models.DecimalField(_("montant par période"), max_digits=12, decimal_places=2)
    started_at = models.DateTimeField(_("début"), default=timezone.now)
    current_period_end = models.DateTimeField(_("payé jusqu’au"), null=True, blank=True)
    # A cancelled subscription stays open until the end of the period paid, then expires.
    cancel_at_period_end = models.BooleanField(_("résilié à l’échéance"), default=False)
    cancelled_at = models.DateTimeField(_("résilié le"), null=True, blank=True)
    ended_at = models.DateTimeField(_("fin"), null=True, blank=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_subscription_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    # When the Stripe state this row holds was true: an event older than this is stale.
    stripe_state_at = models.DateTimeField(null=True, blank=True)
    reminded_for = models.DateTimeField(
        _("rappel envoyé pour l’échéance du"),
        null=True,
        blank=True,
        help_text=_(
            "Fin de période pour laquelle le rappel de renouvellement est parti (un "
            "seul par période)."
        ),
    )
    note = models.TextField(_("note du service abonnés"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["user", "status", "current_period_end"])]
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")

    def __str__(self) -> str:
        return f"{self.user} — {self.plan} ({self.get_status_display()})"

    @property
    def gives_access(self) -> bool:
        return bool(
            self.status in self.Status.GIVING_ACCESS
            and self.current_period_end
            and self.current_period_end > timezone.now()
        )

    @property
    def monthly_amount(self) -> Decimal:
        """The amount per month, for the monthly recurring revenue."""
        if self.plan.interval == Plan.Interval.YEAR:
            return (self.amount / 12).quantize(Decimal("0.01"))
        return self.amount


class Payment(models.Model):
    """A payment received for a subscription: a receipt in "Mon abonnement"."""

    class Method(models.TextChoices):
        CARD = "card", _("carte bancaire")
        CASH = "cash", _("espèces")
        TRANSFER = "transfer", _("virement")
        OTHER = "other", _("autre")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="payments"
    )
    amount = models.DecimalField(_("montant"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("devise"), max_length=3, choices=Currency.choices)
    method = models.CharField(_("moyen"), max_length=8, choices=Method.choices)
    paid_at = models.DateTimeField(_("payé le"), default=timezone.now)
    period_end = models.DateTimeField(_("période payée jusqu’au"), null=True, blank=True)
    stripe_invoice_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    receipt_url = models.URLField(_("reçu en ligne"), max_length=500, blank=True)

    class Meta:
        ordering = ["-paid_at", "-pk"]
        verbose_name = _("paiement")
        verbose_name_plural = _("paiements")

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}, {french_date(self.paid_at)}"


# The ways of paying by hand, which the Service abonnés records and readers may ask for.
MANUAL_METHODS = (Payment.Method.CASH, Payment.Method.TRANSFER, Payment.Method.OTHER)
# How one pays, after a verb: « réglée en espèces », « je réglerai par virement ».
PAYING = {
    Payment.Method.CARD: _("par carte bancaire"),
    Payment.Method.CASH: _("en espèces"),
    Payment.Method.TRANSFER: _("par virement"),
    Payment.Method.OTHER: _("d’une autre façon"),
}
MANUAL_METHOD_CHOICES = [(method.value, method.label) for method in MANUAL_METHODS]


class StripeEvent(models.Model):
    """A Stripe webhook event, kept once: its id makes a second delivery a no-op."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    created = models.DateTimeField(help_text="When Stripe says the event happened.")
    received_at = models.DateTimeField(auto_now_add=True)
    payload = models.JSONField()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class Institution(ClusterableModel):
    """A university, a ministry, a company: its address ranges open subscriber articles."""

    name = models.CharField(_("nom"), max_length=120)
    active = models.BooleanField(_("accès ouvert"), default=True)
    # The contract's days: outside them its ranges open nothing, without anyone having to
    # remember to close the access.
    access_starts = models.DateField(
        _("accès à partir du"),
        null=True,
        blank=True,
        help_text=_("Premier jour du contrat. Vide : dès maintenant."),
    )
    access_ends = models.DateField(
        _("accès jusqu’au"),
        null=True,
        blank=True,
        help_text=_("Dernier jour du contrat, inclus. Vide : sans fin."),
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("active"),
        FieldPanel("access_starts"),
        FieldPanel("access_ends"),
        FieldPanel("contact"),
        FieldPanel("note"),
        InlinePanel("ranges", label=_("Plages d’adresses IP")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.name

    @admin.display(description=_("accès"))
    def access_state(self) -> str:
        """« ouvert », « fermé », « terminé le 6 décembre 2026 », « à partir du … »: what
        its ranges open today, as the paywall reads it."""
        today = timezone.localdate()
        if not self.active:
            return _("fermé")
        if self.access_ends and self.access_ends < today:
            return _("terminé le %(date)s") % {"date": french_date(self.access_ends)}
        if self.access_starts and self.access_starts > today:
            return _("à partir du %(date)s") % {"date": french_date(self.access_starts)}
        return _("ouvert")

    def clean(self):
        super().clean()
        if self.access_starts and self.access_ends and self.access_ends < self.access_starts:
            raise ValidationError(
                {
                    "access_ends": _(
                        "La fin de l’accès précède son début : corrigez l’une des deux dates."
                    )
                },
                code="ends_before_start",
            )


def validate_network(value: str) -> None:
    """An address or a CIDR range, no broader than institution_ranges allows."""
    institution_ranges.network_of(value)


class IPRange(models.Model):
    """One range of addresses of an institution, in CIDR notation."""

    institution = ParentalKey(Institution, on_delete=models.CASCADE, related_name="ranges")
    network = models.CharField(
        _("plage"),
        max_length=64,
        validators=[validate_network],
        help_text=_("Une adresse (192.0.2.10) ou une plage CIDR (192.0.2.0/24, 2001:db8::/32)."),
    )
    active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [FieldPanel("network"), FieldPanel("active"), FieldPanel("note")]

    class Meta:
        verbose_name = _("plage d’adresses")
        verbose_name_plural = _("plages d’adresses")

    def __str__(self) -> str:
        return self.network

    def save(self, *args, **kwargs):
        network = ipaddress.ip_network(self.network.strip(), strict=False)
        self.network = str(institution_ranges.normalised(network))
        super().save(*args, **kwargs)


def month_start(at=None) -> date:
    """The first day of the month of `at` (now), in the site's time zone."""
    return timezone.localdate(at).replace(day=1)


def midnight(day: date) -> datetime:
    """The moment `day` begins, in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


class MeteredRead(models.Model):
    """A subscriber article a reader without a subscription read on this month's meter."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="metered_reads"
    )
    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(default=month_start)
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "month", "article"], name="one_metered_read_per_article"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.month:%Y-%m} {self.article_id}"


class GiftLink(models.Model):
    """A subscriber article a subscriber shared: its signed link opens it to anyone a while."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gift_links"
    )
    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    opened = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sender", "created_at"])]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.article_id} ({french_date(self.created_at)})"

    @property
    def is_valid(self) -> bool:
        return self.expires_at > timezone.now()


class SubscriptionRequest(models.Model):
    """A reader's request to subscribe and pay by hand (transfer, cash…), for the Service
    abonnés to act on when card payment is off."""

    class Status(models.TextChoices):
        PENDING = "pending", _("à traiter")
        DONE = "done", _("abonnement ouvert")
        FILED = "filed", _("classée sans abonnement")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscription_requests",
        verbose_name=_("lecteur"),
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="requests", verbose_name=_("offre")
    )
    currency = models.CharField(_("devise"), max_length=3, choices=Currency.choices)
    method = models.CharField(
        _("paiement"),
        max_length=8,
        choices=MANUAL_METHOD_CHOICES,
        default=Payment.Method.TRANSFER,
    )
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("état"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("reçue le"), default=timezone.now)
    handled_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("abonnement ouvert"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        verbose_name = _("demande d’abonnement")
        verbose_name_plural = _("demandes d’abonnement")

    def __str__(self) -> str:
        return f"{self.user} — {self.plan} ({self.get_status_display()})"

    @property
    def price(self) -> Price | None:
        """The plan's price in the request's currency, None once the plan no longer has one."""
        return self.plan.price_in(self.currency)
