"""Failed logins counted per connection, whatever accounts they name.

The lockout (lockout.py, django-axes) counts the failures of each account: five wrong
passwords lock it. One connection trying a common password on every account it can name
(password spraying) fails once per account and is never locked. This counts every failed
login of a connection, on the site, in the back office and through the API alike
(ratelimits « login-address »: LOGIN_FAILURES_PER_HOUR_PER_ADDRESS); past the limit, the
site's and the back office's login forms answer 429 with a French page before they read
what was typed (the API's token endpoint has its own limit per address).
"""

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse

from quotidien.ratelimits import limits

LIMIT = "login-address"


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs):
    if request is not None:
        limits.hit(LIMIT, limits.client_line(request))


class ConnectionLimitMiddleware:
    """Answers a login form sent from a connection past its limit of failures with 429."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info in self.login_paths():
            verdict = limits.peek(LIMIT, limits.client_line(request))
            if not verdict:
                page = render(
                    request,
                    "accounts/login_stopped.html",
                    {"wait": limits.wait_message(verdict.retry_after)},
                )
                return limits.stopped(page, verdict)
        return self.get_response(request)

    @staticmethod
    def login_paths() -> tuple[str, str]:
        return reverse("accounts:login"), reverse("wagtailadmin_login")
