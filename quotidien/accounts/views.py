"""Readers' account pages: sign up, confirm, log in and out, reset a password; « Mon
compte » (name, password, address, data, closing the account)."""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from quotidien.links import site_url
from quotidien.ratelimits import limits

from . import services, tasks
from .forms import (
    AccountPasswordChangeForm,
    DeleteAccountForm,
    DisplayNameForm,
    EmailChangeForm,
    LoginForm,
    ReaderPasswordResetForm,
    ReaderSetPasswordForm,
    SignupForm,
)
from .mail_limits import count_mail_to
from .personal_data import personal_data
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
        if verdict:
            # Whether the address has an account or not, so the answer tells nothing.
            verdict = count_mail_to(form.cleaned_data["email"])
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


# Where the confirmation page leaves the address it confirmed, for the login form.
CONFIRMED_EMAIL = "accounts.confirmed_email"


@never_cache
def confirm(request, token: str):
    """The link sent at sign-up: the address is confirmed, and the reader is sent to log in
    with their password. It logs no one in: whoever opens it (a reader an attacker sent
    the link of his own account) may not be whoever chose the password."""
    user = confirm_reader(token)
    # Where the reader was when they signed up (an offer, an article), checked again here:
    # the link travelled by e-mail. The login brings them there.
    next_url = next_address(request, request.GET.get("next"))
    if user is None:
        return render(
            request,
            "accounts/confirm_failed.html",
            {"next": next_url if next_url != "/" else ""},
            status=400,
        )
    messages.success(
        request, _("Votre adresse est confirmée : connectez-vous avec votre mot de passe.")
    )
    request.session[CONFIRMED_EMAIL] = user.email
    login_url = reverse("accounts:login")
    if next_url != "/":
        login_url += "?" + urlencode({"next": next_url})
    return redirect(login_url)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_initial(self):
        # The address a confirmation link just confirmed, in this browser.
        email = self.request.session.pop(CONFIRMED_EMAIL, None)
        return {**super().get_initial(), **({"username": email} if email else {})}

    def get_context_data(self, **kwargs):
        # Django names the site after the request's host (« 127.0.0.1:6666 ») when the sites
        # framework is not installed; the page's title names the paper.
        return {**super().get_context_data(**kwargs), "site_name": settings.WAGTAIL_SITE_NAME}


class LogoutView(auth_views.LogoutView):
    next_page = "/"


class ResetLimitsMixin:
    """A password reset view that counts each request against the limits of resets, for the
    address it comes from and the e-mail it names: the site's and the back office's share
    them, so that one cannot be used to double the other. The e-mail leaves from the worker
    (`tasks.mail_password_reset`), which builds the view of `reset_kind` to send it."""

    reset_kind = "site"

    def form_valid(self, form):
        # Counted whether the address has an account or not, so the answer tells nothing.
        verdict = limits.hit("password-reset-address", limits.client_line(self.request))
        if verdict:
            verdict = count_mail_to(form.cleaned_data["email"])
        if not verdict:
            form.add_error(None, limits.too_soon_message(verdict))
            return limits.stopped(self.form_invalid(form), verdict)
        # The worker looks the address up and mails its accounts: the answer takes as long
        # whether it has one or not.
        tasks.mail_password_reset.enqueue(self.reset_kind, form.cleaned_data["email"])
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetView(ResetLimitsMixin, auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    # Its e-mail is the other account e-mails' kind, accounts/password_reset*.txt (the
    # form's `send_mail`): no e-mail template names here, the form would not read them.
    form_class = ReaderPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self) -> dict:
        """The link on the paper's address (SITE_URL), never on the host the request named:
        whoever asks for the e-mail chooses that one, and would receive the reader's token.
        Django's own `domain`, `protocol` and `site_name` are overridden alike."""
        address = urlsplit(site_url())
        return {
            "site_url": site_url(),
            "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
            "domain": address.netloc,
            "protocol": address.scheme,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }


def reset_views() -> dict:
    """The password reset views, by the kind their requests give the worker."""
    from .back_office_reset import BackOfficePasswordResetView

    return {"site": PasswordResetView, "back_office": BackOfficePasswordResetView}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = ReaderSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")
    # The address the link's form moves to once its token is in the session, in place of
    # Django's « set-password ».
    reset_url_token = "nouveau"


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: the page, or the API's own JSON error."""
    if original_response is not None and original_response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return original_response
    return render(request, "accounts/locked_out.html", status=settings.AXES_HTTP_RESPONSE_CODE)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_account(request):
    """« Mon compte »: the name shown under the reader's comments, to change, their address,
    and the ways to their other pages."""
    form = DisplayNameForm(
        request.POST or None,
        reader=request.user,
        initial={"display_name": request.user.display_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_display_name(
                reader=request.user, display_name=form.cleaned_data["display_name"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Votre nom affiché est changé."))
            return redirect("accounts:my_account")
    return render(
        request,
        "accounts/my_account.html",
        {"form": form, "token_days": settings.QUOTIDIEN_READER_TOKEN_DAYS},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_POST
def sign_out_apps(request):
    """« Déconnecter mes applications »: the reader's API tokens end; this session stays."""
    services.sign_out_apps(reader=request.user)
    messages.success(
        request,
        _("Vos applications sont déconnectées : elles vous demanderont de vous reconnecter."),
    )
    return redirect("accounts:my_account")


@method_decorator(never_cache, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own: the reader stays logged in here, their other sessions and API tokens end
    with the old password."""

    template_name = "accounts/password_change.html"
    form_class = AccountPasswordChangeForm
    success_url = reverse_lazy("accounts:my_account")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(reader=self.request.user)
        messages.success(
            self.request,
            _(
                "Votre mot de passe est changé. Vos autres appareils et applications vous "
                "demanderont de vous connecter de nouveau."
            ),
        )
        return response

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def email_change(request):
    """The new address, and the password: a link goes to the new address, which becomes the
    account's once it is opened."""
    form = EmailChangeForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            services.request_email_change(
                reader=request.user,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
            )
        except services.TooManyEmailChanges as error:
            form.add_error(None, error)
            return limits.stopped(
                render(request, "accounts/email_change.html", context), error.verdict
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The same answer whether the address is free or another account's.
            return render(
                request,
                "accounts/email_change_sent.html",
                {"email": services.normalize_email(form.cleaned_data["email"])},
            )
    return render(
        request, "accounts/email_change.html", context, status=400 if form.errors else 200
    )


@never_cache
def email_confirm(request, token: str):
    """The link sent to a new address: it becomes the account's."""
    user = services.confirm_email_change(token)
    if user is None:
        return render(request, "accounts/email_confirm_failed.html", status=400)
    messages.success(
        request,
        _("Votre adresse est maintenant %(email)s : utilisez-la pour vous connecter.")
        % {"email": user.email},
    )
    return redirect("accounts:my_account")


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def download_data(request):
    """« Télécharger mes données »: a JSON file of what the paper keeps about the reader."""
    data = personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mes-donnees-{day}.json"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    """« Supprimer mon compte »: what happens, the password, and whether the comments' texts
    go too. Refused while a subscription renews."""
    form = DeleteAccountForm(request.POST or None)
    try:
        services.check_can_delete(request.user)
        refusal = None
    except ValidationError as error:
        refusal = error
    context = {"form": form, "refusal": refusal}
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            services.delete_account(
                reader=request.user,
                password=form.cleaned_data["password"],
                erase_comments=form.cleaned_data["erase_comments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            return render(request, "accounts/account_deleted.html")
    if form.errors:
        status = 400
    elif refusal is not None and request.method == "POST":
        status = 403
    else:
        status = 200
    return render(request, "accounts/delete_account.html", context, status=status)
