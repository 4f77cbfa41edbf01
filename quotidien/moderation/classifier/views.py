"""The classifier's versions and their evaluations, for moderators in the back office."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quotidien.moderation.permissions import can_moderate

from . import store
from .models import ClassifierVersion, TrainingExample
from .report import report_rows
from .retraining import install_shipped, install_version

INSTALL_PERMISSION = "moderation_classifier.change_classifierversion"


def versions(request):
    """Every version, newest first, with its figures on the frozen test part."""
    if not can_moderate(request.user):
        raise PermissionDenied
    listing = list(ClassifierVersion.objects.defer("data")[:30])
    for version in listing:
        version.rows = report_rows(version.report.get("new", {}), version.report.get("current"))
    shipped = store.shipped_description()
    shipped_rows = report_rows(shipped.get("report", {}))
    return TemplateResponse(
        request,
        "moderation_classifier/versions.html",
        {
            "versions": listing,
            "installed": next((v for v in listing if v.is_installed), None),
            "shipped_rows": shipped_rows,
            "decisions": TrainingExample.objects.count(),
            "can_install": request.user.has_perm(INSTALL_PERMISSION),
        },
    )


@require_POST
def install(request, pk: int):
    """Put an earlier or a refused version in service (a moderation lead's call)."""
    if not request.user.has_perm(INSTALL_PERMISSION):
        raise PermissionDenied
    version = get_object_or_404(ClassifierVersion.objects.defer("data"), pk=pk)
    try:
        install_version(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, error.message)
        return redirect("moderation_classifier")
    messages.success(request, _("La version %(n)d est en service.") % {"n": version.pk})
    return redirect("moderation_classifier")


@require_POST
def install_shipped_model(request):
    """Put the model shipped with the code back in service (a moderation lead's call)."""
    if not request.user.has_perm(INSTALL_PERMISSION):
        raise PermissionDenied
    try:
        install_shipped(by=request.user)
    except ValidationError as error:
        messages.error(request, error.message)
        return redirect("moderation_classifier")
    messages.success(request, _("Le modèle livré est en service."))
    return redirect("moderation_classifier")
