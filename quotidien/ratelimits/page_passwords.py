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

The form is served only for the published pages the restriction protects: Wagtail's view
serves it for any page number, and its layout would tell which section any page, drafts
included, is in.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from wagtail import views as wagtail_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction

from . import limits


@require_http_methods(["GET", "HEAD", "POST"])
def authenticate_with_password(request, page_view_restriction_id: int, page_id: int):
    """Wagtail's `authenticate_with_password`, within the limits on wrong passwords, for
    the pages the restriction protects only."""
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    page = get_object_or_404(Page.objects.live(), id=page_id)
    # Wagtail's own rule: the restrictions of the page, its ancestors' and, for an alias,
    # its original's.
    if not page.get_view_restrictions().filter(pk=restriction.pk).exists():
        raise Http404
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    guesser = (restriction.pk, limits.client_line(request))
    verdict = limits.peek("page-password", guesser)
    if verdict:
        verdict = limits.peek("page-password-page", restriction.pk)
    if not verdict:
        page = page.specific
        form = PasswordViewRestrictionForm(
            instance=restriction, initial={"return_url": request.POST.get("return_url", "")}
        )
        form.full_clean()
        form.cleaned_data = {}
        form.add_error(None, limits.too_soon_message(verdict))
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
        )
        response = page.serve_password_required_response(request, form, action_url)
        return limits.stopped(response, verdict)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    # A right password is answered with a redirect to the page; a wrong one, the form again.
    if response.status_code == 200:
        limits.hit("page-password", guesser)
        limits.hit("page-password-page", restriction.pk)
    return response
