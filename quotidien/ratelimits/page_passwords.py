"""Wagtail's password form of a restricted page (« Confidentialité »), within the site's limits.

Wagtail checks the password of a page view restriction as often as it is sent: a script
could try a dictionary against it. This view takes Wagtail's place at the same address
and counts every wrong password against two limits of `settings.QUOTIDIEN_RATE_LIMITS`:
"page-password", for one address (an IPv6 one by its /64, which its owner fills at will)
and one restriction, and "page-password-page", for one restriction from every address (a
guesser spread over many addresses). Right passwords count against neither, so readers
who know it are never too many. A reader stopped, once either limit is reached, gets the
form again, with a 429 that says when to come back; the password they sent is not even
compared. Since a password is counted once known wrong, guesses sent all at once may go
past a limit by as many as the site answers at the same time. Guessers from many
addresses can use up a page's limit, and keep its readers out until the hour ends: the
price of stopping them.
"""

from django import forms
from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction

from . import limits


class PagePasswordForm(PasswordViewRestrictionForm):
    """Wagtail's form, which tells a wrong password in French."""

    def clean_password(self):
        try:
            return super().clean_password()
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Le mot de passe saisi est incorrect. Vérifiez-le et réessayez."),
                code="incorrect",
            ) from None


@require_http_methods(["GET", "HEAD", "POST"])
def authenticate_with_password(request, page_view_restriction_id: int, page_id: int):
    """Wagtail's `authenticate_with_password`, within the limits on wrong passwords."""
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    page = get_object_or_404(Page, id=page_id).specific
    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
    if request.method != "POST":
        form = PagePasswordForm(instance=restriction)
        return page.serve_password_required_response(request, form, action_url)

    guesser = (restriction.pk, limits.line(limits.client_address(request)))
    verdict = limits.peek("page-password", guesser)
    if verdict:
        verdict = limits.peek("page-password-page", restriction.pk)
    if not verdict:
        form = PagePasswordForm(
            instance=restriction, initial={"return_url": request.POST.get("return_url", "")}
        )
        # An unbound form, cleaned of nothing, so that it takes an error of its own.
        form.full_clean()
        form.cleaned_data = {}
        form.add_error(None, limits.too_soon_message(verdict))
        response = page.serve_password_required_response(request, form, action_url)
        return limits.stopped(response, verdict)

    form = PagePasswordForm(request.POST, instance=restriction)
    if not form.is_valid():
        limits.hit("page-password", guesser)
        limits.hit("page-password-page", restriction.pk)
        return page.serve_password_required_response(request, form, action_url)
    return_url = form.cleaned_data["return_url"]
    if not url_has_allowed_host_and_scheme(
        return_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return_url = settings.LOGIN_REDIRECT_URL
    restriction.mark_as_passed(request)
    return redirect(return_url)
