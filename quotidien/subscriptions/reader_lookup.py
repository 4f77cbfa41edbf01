"""« Lecteurs »: the Service abonnés finds a reader by their address or their name, with or
without a subscription (a caller, someone whose confirmation e-mail went astray), and sees
what it needs to help them: their account's state and their subscriptions."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from quotidien.text import without_control_characters

from .permissions import can_manage_subscriptions

SHOWN = 30
SHORTEST_QUERY = 3


def readers(request):
    if not can_manage_subscriptions(request.user):
        raise PermissionDenied
    query = without_control_characters(request.GET.get("q", "")).strip()[:254]
    found = None
    if len(query) >= SHORTEST_QUERY:
        found = list(
            get_user_model()
            .objects.filter(Q(email__icontains=query) | Q(display_name__icontains=query))
            .annotate(subscription_count=Count("subscriptions"))
            .order_by("email")[:SHOWN]
        )
        for reader in found:
            reader.state = _state(reader)
    return TemplateResponse(
        request,
        "subscriptions/admin/readers.html",
        {"query": query, "found": found, "shown": SHOWN, "shortest": SHORTEST_QUERY},
    )


def _state(reader) -> str:
    if reader.is_active:
        return _("confirmé")
    if reader.is_deleted:
        return _("fermé par le lecteur")
    return _("adresse non confirmée")
