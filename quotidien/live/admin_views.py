"""Back-office views of live coverage that are not an entry's form: closing a live page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .models import LivePage
from .services import close_coverage


def close(request, page_id: int):
    """« Clore le direct »: a confirmation, then the page published with its end."""
    page = get_object_or_404(LivePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    if request.method == "POST":
        try:
            close_coverage(page=page, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Le direct « %(title)s » est clos.") % {"title": page.title}
            )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(request, "live/admin/close.html", {"page": page})
