"""Readers' account pages: sign up, confirm, log in and out, reset a password."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from quotidien.ratelimits import limits
from quotidien.syndication.links import site_url

from .forms import LoginForm, SignupForm
from .lockout import fold
from .services import confirm_reader, reader_signup


def next_address(request, value: str | None) -> str:
    """`value` when it is an address of this site to come back to, else the front page."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return "/"


def signup(request):
    form = SignupForm(request.POST or None)
    next_url = next_address(request, request.POST.get("next") or request.GET.get("next"))
    context = {"form": form, "next": next_url if next_url != "/" else ""}
    if request.method == "POST" and form.is_valid():
        verdict = limits.hit("signup", limits.client_line(request))
        if not verdict:
            form.add_error(None, limits.too_soon_message(verdict))
            return limits.stopped(render(request, "accounts/signup.html", context), verdict)
        try:
            reader_signup(
                email=form.cleaned_data["email"],
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"],
                next_url=next_url,
            )
        except ValidationError as error:
            # Another reader took the name since the form was checked.
            form.add_error(None, error)
            return render(request, "accounts/signup.html", context, status=400)
        return render(request, "accounts/signup_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/signup.html", context, status=400 if form.errors else 200)


def confirm(request, token: str):
    user = confirm_reader(token)
    if user is None:
        return render(request, "accounts/confirm_failed.html", status=400)
    login(request, user, backend="quotidien.accounts.backends.EmailOrUsernameBackend")
    messages.success(
        request,
        _("Votre adresse est confirmée : bienvenue, %(name)s !")
        % {"name": user.get_display_name()},
    )
    # Where the reader was when they signed up (an offer, an article), checked again here:
    # the link travelled by e-mail.
    return redirect(next_address(request, request.GET.get("next")))


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Django names the site after the request's host (« 127.0.0.1:6666 ») when the sites
        # framework is not installed; the page's title names the paper.
        return {**super().get_context_data(**kwargs), "site_name": settings.WAGTAIL_SITE_NAME}


class LogoutView(auth_views.LogoutView):
    next_page = "/"


class ResetLimitsMixin:
    """A password reset view that counts each request against the limits of resets, for the
    address it comes from and the e-mail it names: the site's and the back office's share
    them, so that one cannot be used to double the other."""

    def form_valid(self, form):
        # Counted whether the address has an account or not, so the answer tells nothing.
        email = fold(form.cleaned_data["email"])
        verdict = limits.hit("password-reset-address", limits.client_line(self.request))
        if verdict:
            verdict = limits.hit("password-reset-email", email)
        if not verdict:
            form.add_error(None, limits.too_soon_message(verdict))
            return limits.stopped(self.form_invalid(form), verdict)
        return super().form_valid(form)


class PasswordResetView(ResetLimitsMixin, auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self) -> dict:
        """The link on the paper's address (SITE_URL), never on the host the request named:
        whoever asks for the e-mail chooses that one, and would receive the reader's token.
        Django's own `domain`, `protocol` and `site_name` are overridden alike."""
        address = urlsplit(site_url())
        return {
            "site_url": site_url(),
            "domain": address.netloc,
            "protocol": address.scheme,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: the page, or the API's own JSON error."""
    if original_response is not None and original_response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return original_response
    return render(request, "accounts/locked_out.html", status=settings.AXES_HTTP_RESPONSE_CODE)
