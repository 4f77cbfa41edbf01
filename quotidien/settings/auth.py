"""Accounts and logins: the user model, passwords, the lockout of brute force, readers'
API tokens, and how often one account or address may act.
"""

from datetime import timedelta

from .caches import REDIS_URL
from .env import env_int

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        # A reader's user name is their address: the fields a reader fills are named first
        # (the validator names the first that matches); staff logins are checked too.
        "OPTIONS": {
            "user_attributes": ("email", "display_name", "first_name", "last_name", "username")
        },
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Articles that Wagtail restricts to logged-in readers send them to the site's login page.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# A form sent without its CSRF cookie or token: a French page that says to reload it.
CSRF_FAILURE_VIEW = "quotidien.errors.csrf_failure"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = [
    # Counts failed logins (site and back office) and locks out brute force.
    "axes.backends.AxesStandaloneBackend",
    "quotidien.accounts.backends.EmailOrUsernameBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "quotidien.accounts.views.locked_out"
# Failures count against the account a login names, however it is spelt (see lockout.py).
AXES_USERNAME_CALLABLE = "quotidien.accounts.lockout.lockout_username"
AXES_VERBOSE = False
# The lockout counts per REMOTE_ADDR only, which quotidien/proxies.py sets to the reader's
# address behind a trusted proxy: a header of axes' own would let any client pick theirs.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# The same for django-ninja's throttles, whose own reading trusts any X-Forwarded-For
# (quotidien/api/throttling.py counts by the lockout's address anyway).
NINJA_NUM_PROXIES = 0
# A reader has this long to click the link that confirms their address.
ACCOUNT_CONFIRMATION_DAYS = 3
# Days an API token of a reader lasts (its apps ask again after).
QUOTIDIEN_READER_TOKEN_DAYS = env_int("READER_TOKEN_DAYS", 30)

# How often one account or address may act, as (count, seconds); a count of 0 turns a
# limit off. Counted for every worker: in Redis with REDIS_URL, else in the database.
QUOTIDIEN_RATE_LIMITS = {
    "comment": (env_int("COMMENTS_PER_MINUTE", 5), 60),
    "report": (env_int("REPORTS_PER_HOUR", 10), 3600),
    "signup": (env_int("SIGNUPS_PER_HOUR", 10), 3600),
    "password-reset-address": (env_int("PASSWORD_RESETS_PER_HOUR", 10), 3600),
    # E-mails sent to one address at anyone's request (sign-up, password reset, change of
    # address, acknowledgement of a right-of-reply request), whoever asks: a stranger's
    # mailbox is not flooded from many addresses. The older setting's name still counts.
    "address-emails": (
        env_int("EMAILS_PER_HOUR_PER_ADDRESS", env_int("PASSWORD_RESETS_PER_HOUR_PER_EMAIL", 3)),
        3600,
    ),
    "reader-token": (env_int("TOKEN_ATTEMPTS_PER_MINUTE", 10), 60),
    # Failed logins from one connection, whatever accounts they name (site, back office
    # and API together): the lockout counts each account's (quotidien/accounts/login_limit.py).
    "login-address": (env_int("LOGIN_FAILURES_PER_HOUR_PER_ADDRESS", 30), 3600),
    "reply-request": (env_int("REPLY_REQUESTS_PER_HOUR", 5), 3600),
    # Wrong current passwords typed on "Mon compte" (password, address, deletion), per account.
    "account-password": (env_int("ACCOUNT_PASSWORD_ATTEMPTS_PER_HOUR", 5), 3600),
    # Requests to change one account's address (each sends an e-mail), per account.
    "email-change": (env_int("EMAIL_CHANGES_PER_HOUR", 5), 3600),
    # Passwords tried on a page behind a password (Wagtail's « Confidentialité »): from
    # one address, and from all addresses together (quotidien/ratelimits/page_passwords.py).
    "page-password": (env_int("PAGE_PASSWORD_ATTEMPTS_PER_HOUR", 10), 3600),
    "page-password-page": (env_int("PAGE_PASSWORD_ATTEMPTS_PER_HOUR_PER_PAGE", 100), 3600),
    # Subscription requests, per account: the Service abonnés answers each by hand.
    "subscription-request": (3, 86400),
}
RATE_LIMITS_CACHE = "ratelimits" if REDIS_URL else None
