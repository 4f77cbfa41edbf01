"""The Service abonnés' back office: plans, subscribers, institutions (Wagtail viewsets),
the manual subscription actions and the statistics page (plain views over `services` and
`stats`)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.models import ModelLogEntry

from quotidien.french.dates import french_date

from . import exports, services, stats
from .forms import ActivationForm, ChurnPeriodForm, ExtensionForm, NoteForm
from .models import Institution, Plan, Subscription, SubscriptionRequest, midnight
from .money import format_amount
from .permissions import can_manage_subscriptions

# --- Wagtail viewsets -------------------------------------------------------------------


class PlanViewSet(ModelViewSet):
    """Offres: each plan with its prices (currency, amount, Stripe price) inline."""

    model = Plan
    icon = "tag"
    menu_label = gettext_lazy("Offres")
    name = "offres"
    list_display = ["name", "interval", "available", "sort_order"]
    copy_view_enabled = False


class SubscriberIndexView(IndexView):
    """Abonnés: the list, its filters and its CSV export for spreadsheets."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "plan")

    def write_csv_response(self, queryset):
        # Wagtail's CSV has neither a byte order mark nor a guard against formulas.
        return exports.csv_response(
            f"{self.get_filename()}.csv",
            [self.get_heading(queryset, field) for field in self.list_export],
            (self.to_row_dict(item).values() for item in queryset),
        )


class SubscriptionInspectView(InspectView):
    """A subscriber's page: the subscription, its payments, its history and what may be
    done with it."""

    template_name = "subscriptions/admin/subscription_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subscription = self.object
        context.update(
            subscription=subscription,
            payments=subscription.payments.all(),
            history=ModelLogEntry.objects.for_instance(subscription).select_related("user"),
            actions=available_actions(subscription),
        )
        return context


class SubscriptionViewSet(ModelViewSet):
    """Abonnés: read only; changes go through the manual actions."""

    model = Subscription
    icon = "group"
    menu_label = gettext_lazy("Abonnés")
    name = "abonnes"
    index_view_class = SubscriberIndexView
    inspect_view_class = SubscriptionInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Wagtail builds an edit form for every viewset; the permission policy never opens it.
    form_fields = ["note"]
    list_display = [
        "user__email",
        "user__display_name",
        "plan",
        "status",
        "source",
        "current_period_end",
    ]
    list_filter = ["status", "plan", "source"]
    search_fields = ["user__email", "user__display_name", "user__first_name", "user__last_name"]
    list_export = [
        "user.email",
        "user.get_display_name",
        "plan.name",
        "get_status_display",
        "get_source_display",
        "currency",
        "amount",
        "started_at",
        "current_period_end",
        "cancelled_at",
    ]
    export_headings = {
        "user.email": gettext_lazy("Adresse e-mail"),
        "user.get_display_name": gettext_lazy("Nom"),
        "plan.name": gettext_lazy("Offre"),
        "get_status_display": gettext_lazy("État"),
        "get_source_display": gettext_lazy("Paiement"),
        "currency": gettext_lazy("Devise"),
        "amount": gettext_lazy("Montant par période"),
        "started_at": gettext_lazy("Début"),
        "current_period_end": gettext_lazy("Payé jusqu’au"),
        "cancelled_at": gettext_lazy("Résilié le"),
    }
    export_filename = "abonnes"
    inspect_view_fields = [
        "user",
        "plan",
        "status",
        "source",
        # The amount and its currency are in the summary above, as the paper writes them.
        "started_at",
        "current_period_end",
        "cancelled_at",
        "ended_at",
        "note",
    ]


class InstitutionViewSet(ModelViewSet):
    """Institutions: their address ranges inline, each one may be switched off."""

    model = Institution
    icon = "site"
    menu_label = gettext_lazy("Institutions")
    name = "institutions"
    list_display = ["name", "access_state", "access_ends", "contact", "updated_at"]
    search_fields = ["name", "contact"]
    copy_view_enabled = False


class SubscriptionsGroup(ModelViewSetGroup):
    """The "Abonnements" menu; the manual actions and the statistics join it by hook."""

    menu_label = gettext_lazy("Abonnements")
    menu_icon = "tag"
    menu_order = 160
    submenu_hook = "register_subscriptions_menu_item"
    items = (PlanViewSet, SubscriptionViewSet, InstitutionViewSet)


# --- Manual actions ---------------------------------------------------------------------


def _check(request) -> None:
    if not can_manage_subscriptions(request.user):
        raise PermissionDenied


def subscription_url(subscription: Subscription) -> str:
    return reverse("abonnes:inspect", args=[subscription.pk])


def available_actions(subscription: Subscription) -> list[tuple[str, str]]:
    """The manual actions that apply to `subscription` now, as (label, url)."""
    if subscription.source != Subscription.Source.MANUAL:
        return []
    if subscription.status == Subscription.Status.CANCELLED:
        if subscription.gives_access:
            return [(_("Réactiver"), reverse("subscriptions_reactivate", args=[subscription.pk]))]
        return []
    if subscription.gives_access:
        return [
            (_("Prolonger"), reverse("subscriptions_extend", args=[subscription.pk])),
            (_("Résilier"), reverse("subscriptions_cancel", args=[subscription.pk])),
        ]
    return []


def _add_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def activate(request):
    """ "Abonnement manuel": open a subscription for a reader who paid by hand; from a
    reader's request (`?demande=`), the form comes filled in; `services.activate` marks the
    reader's requests done, and the clerk is told when the reader chosen is not the one who
    asked."""
    _check(request)
    filed = _pending_request(request.GET.get("demande", ""))
    initial = {"email": request.GET.get("email", "")[:254]}
    if filed is not None:
        initial = {
            "email": filed.user.email,
            "plan": filed.plan,
            "currency": filed.currency,
            "method": filed.method,
            "note": _("Demande du %(date)s.") % {"date": french_date(filed.created_at)},
        }
    form = ActivationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            subscription = services.activate(
                user=form.reader,
                plan=data["plan"],
                currency=data["currency"],
                amount=data["amount"],
                until=data["until"],
                periods=data["periods"] or 1,
                method=data["method"],
                received=data["received"],
                note=data["note"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Abonnement de %(reader)s activé.") % {"reader": form.reader.email},
            )
            if filed is not None and filed.user_id != form.reader.pk:
                messages.warning(
                    request,
                    _(
                        "La demande de %(asker)s reste à traiter : l’abonnement a été ouvert "
                        "pour %(reader)s."
                    )
                    % {"asker": filed.user.email, "reader": form.reader.email},
                )
            return redirect(subscription_url(subscription))
    plans = Plan.objects.prefetch_related("prices")
    return TemplateResponse(
        request,
        "subscriptions/admin/activate.html",
        {"form": form, "plans": plans, "filed": filed},
    )


REQUESTS_PER_PAGE = 50


def _pending_request(pk: str) -> SubscriptionRequest | None:
    if not (pk.isascii() and pk.isdigit() and len(pk) < 19):
        return None
    pending = SubscriptionRequest.objects.select_related("user", "plan")
    return pending.filter(pk=int(pk), status=SubscriptionRequest.Status.PENDING).first()


def subscription_requests(request):
    """ "Demandes d’abonnement": readers' requests to subscribe and pay by hand, the pending
    ones (`?etat=` another status, `?etat=toutes` all), newest first and fifty a page, each
    a link to the filled-in activation form."""
    _check(request)
    wanted = request.GET.get("etat", SubscriptionRequest.Status.PENDING)
    rows = SubscriptionRequest.objects.select_related("user", "plan").prefetch_related(
        "plan__prices"
    )
    if wanted in SubscriptionRequest.Status.values:
        rows = rows.filter(status=wanted)
    page = Paginator(rows, REQUESTS_PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "subscriptions/admin/requests.html",
        {
            "page_obj": page,
            "wanted": wanted,
            "statuses": SubscriptionRequest.Status.choices,
            "pending": SubscriptionRequest.objects.filter(
                status=SubscriptionRequest.Status.PENDING
            ).count(),
        },
    )


@require_POST
def file_away_request(request, pk: int):
    """Close a pending request without a subscription, then back to the pending ones."""
    _check(request)
    filed = _pending_request(str(pk))
    if filed is None:
        raise Http404
    try:
        services.file_away_request(subscription_request=filed, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Demande de %(reader)s classée sans abonnement.") % {"reader": filed.user.email},
        )
    return redirect("subscriptions_requests")


def _action(request, pk: int, *, form_class, run, title: str, done: str, button: str):
    """One manual action on one subscription: its form, then the service, then back."""
    _check(request)
    subscription = get_object_or_404(Subscription.objects.select_related("user", "plan"), pk=pk)
    # An empty note is still a posted form.
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            run(subscription, form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, done % {"reader": subscription.user.email})
            return redirect(subscription_url(subscription))
    return TemplateResponse(
        request,
        "subscriptions/admin/action.html",
        {
            "subscription": subscription,
            "form": form,
            "title": title,
            "button": button,
            "back": subscription_url(subscription),
        },
    )


def extend(request, pk: int):
    """Move the end of a manual subscription, with or without a payment."""

    def run(subscription, data):
        services.extend(
            subscription=subscription,
            until=data["until"],
            periods=data["periods"],
            method=data["method"] or None,
            received=data["received"],
            note=data["note"],
            by=request.user,
        )

    return _action(
        request,
        pk,
        form_class=ExtensionForm,
        run=run,
        title=_("Prolonger l’abonnement"),
        done=_("Abonnement de %(reader)s prolongé."),
        button=_("Prolonger"),
    )


def _note_action(request, pk: int, service, *, title: str, done: str, button: str):
    """A manual action whose form is a note only: `service(subscription=, by=, note=)`."""

    def run(subscription, data):
        service(subscription=subscription, by=request.user, note=data["note"])

    return _action(request, pk, form_class=NoteForm, run=run, title=title, done=done, button=button)


def cancel(request, pk: int):
    """Cancel a manual subscription: access stays until the end of the period paid."""
    return _note_action(
        request,
        pk,
        services.cancel,
        title=_("Résilier l’abonnement"),
        done=_("Abonnement de %(reader)s résilié ; l’accès reste ouvert jusqu’à l’échéance."),
        button=_("Résilier"),
    )


def reactivate(request, pk: int):
    """Undo the cancellation of a manual subscription whose period still runs."""
    return _note_action(
        request,
        pk,
        services.reactivate,
        title=_("Réactiver l’abonnement"),
        done=_("Abonnement de %(reader)s réactivé."),
        button=_("Réactiver"),
    )


# --- Statistics -------------------------------------------------------------------------


def statistics(request):
    """ "Statistiques": subscribers by plan, the last weeks, the churn, the recurring revenue.

    `?export=semaines` downloads the weekly figures as CSV; `?debut=&fin=` choose the
    churn's period (the last 30 days otherwise).
    """
    _check(request)
    weeks = stats.weekly()
    if request.GET.get("export") == "semaines":
        return exports.csv_response(
            "abonnements-par-semaine.csv",
            [_("Semaine du"), _("au"), _("Nouveaux abonnements"), _("Résiliations")],
            ([w.start, w.end, w.new, w.cancelled] for w in weeks),
        )
    period_form = ChurnPeriodForm(request.GET or None)
    first, last = period_form.period()
    start = midnight(first)
    # The last day counts whole: the period ends at the next midnight.
    end = midnight(last + timedelta(days=1))
    by_plan = stats.active_by_plan()
    return TemplateResponse(
        request,
        "subscriptions/admin/statistics.html",
        {
            "by_plan": by_plan,
            "total_active": sum(figure.active for figure in by_plan),
            "weeks": weeks,
            "churn": stats.churn(start=start, end=end),
            "first": first,
            "last": last,
            "period_form": period_form,
            "revenue": [
                (currency, format_amount(total, currency))
                for currency, total in sorted(stats.monthly_recurring_revenue().items())
            ],
            "subscribers_csv": reverse("abonnes:index") + "?export=csv",
        },
    )
