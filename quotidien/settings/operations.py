"""Running the site: background tasks, e-mail, the health page and logging."""

import os
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_networks

# Background work (e-mails, re-indexing) waits in the database until `quotidien worker` runs
# it. TASKS_BACKEND may name another django-tasks backend, e.g.
# django_tasks.backends.immediate.ImmediateBackend: each task runs at once in the process
# that asks for it, without a worker, but the request waits for it. The purges of the
# proxies in front wait in a queue of their own, "purges", which `quotidien worker
# --queues=purges` serves alone: a stale page must not wait behind an article's entities.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "purges"],
    }
}

# E-mail (the worker sends the accounts', subscriptions' and right of reply's) leaves through
# EMAIL_BACKEND; the console's prints it. With Django's SMTP backend
# (django.core.mail.backends.smtp.EmailBackend), the server is EMAIL_HOST:EMAIL_PORT,
# logged in to with EMAIL_HOST_USER and EMAIL_HOST_PASSWORD when set, over STARTTLS
# (EMAIL_USE_TLS, port 587 usually) or TLS from the start (EMAIL_USE_SSL, port 465).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS et EMAIL_USE_SSL sont tous deux activés : choisissez l’un (TLS pour "
        "STARTTLS, port 587 d’ordinaire ; SSL pour TLS dès la connexion, port 465)."
    )
# Seconds before a silent SMTP server fails the sending: the task fails (the worker's
# log says why) instead of holding the worker forever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# The sender of readers' e-mails; SERVER_EMAIL, of Django's own to the operators.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or "redaction@quotidien.example"
SERVER_EMAIL = os.environ.get("SERVER_EMAIL") or DEFAULT_FROM_EMAIL
# Who is told of each server error (a page that failed, a background task that failed) by
# e-mail, from SERVER_EMAIL: "Nom <adresse>, autre@adresse" (quotidien/error_mail.py).
ADMINS = [
    (name, address) for name, address in getaddresses([os.environ.get("ADMINS", "")]) if address
]

# The operators' own addresses or CIDR ranges, which read /sante/ in full (as do the
# trusted proxies and the machine itself); anyone else gets its status only. (Not
# Django's INTERNAL_IPS: that one lists addresses, not ranges, for the debug context.)
HEALTH_DETAIL_NETWORKS = env_networks("HEALTH_DETAIL_NETWORKS")
# /sante/ says "degraded" once a task has waited this long for a worker (seconds): the
# worker is down, or too slow for what the site asks of it.
HEALTH_QUEUE_MAX_WAIT_SECONDS = env_int("HEALTH_QUEUE_MAX_WAIT_SECONDS", 300)
# A task running this long (seconds) has lost its worker: the next `quotidien worker` to
# start gives it back to the queue (quotidien/stalled_tasks.py). Sooner for a worker of
# the same machine whose process is gone.
TASKS_STALLED_AFTER_SECONDS = env_int("TASKS_STALLED_AFTER_SECONDS", 3600)

# REQUEST_LOG=json: one JSON line per request on standard output, cache hits included
# (see quotidien/requestlog.py); off by default, as the web server logs no access either.
REQUEST_LOG = os.environ.get("REQUEST_LOG", "")
if REQUEST_LOG not in ("", "json"):
    raise ImproperlyConfigured(f"REQUEST_LOG={REQUEST_LOG!r} : json, ou laissez-le vide.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # To ADMINS, with DEBUG off: server errors only (the 4xx are warnings, see below).
        "mail_admins": {
            "class": "quotidien.error_mail.ThrottledAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # A SuspiciousOperation (a body too large, an unknown Host, an address climbing out of
    # the media folder…) is the client's doing, answered with a 400. Django logs each on
    # `django.security.<its class>` as an error with a traceback: a warning line instead.
    # Bodies Django cannot parse (a multipart without its boundary, a form in UTF-16) are
    # logged on `django.request`, with the 4xx and 5xx answers: the 4xx in one line too.
    "filters": {
        "one_line_warning": {"()": "quotidien.errors.OneLineWarning"},
        "client_errors_in_one_line": {"()": "quotidien.errors.ClientErrorsInOneLine"},
        "once_a_minute": {"()": "quotidien.cache_outage.OnceAMinute"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "loggers": {
        "django.request": {
            "filters": ["client_errors_in_one_line"],
            "handlers": ["console", "mail_admins"],
            "propagate": False,
        },
        # A background task that failed (django-tasks logs it with its traceback).
        "django_tasks": {"handlers": ["console", "mail_admins"], "propagate": False},
        # Django's other errors (a signal's receiver that failed…), through the same
        # throttled mail rather than Django's own, which would mail each in the request.
        "django": {
            "handlers": ["console", "mail_admins"],
            "level": os.environ.get("LOG_LEVEL", "WARNING"),
            "propagate": False,
        },
        # A Redis lost is met by every request: said once a minute, in one line.
        "quotidien.cache_outage": {"filters": ["once_a_minute"]},
        **{
            f"django.security.{name}": {"filters": ["one_line_warning"]}
            for name in (
                "SuspiciousOperation",
                "DisallowedHost",
                "DisallowedRedirect",
                "RequestDataTooBig",
                "TooManyFieldsSent",
                "TooManyFilesSent",
                "SuspiciousFileOperation",
                "SuspiciousMultipartForm",
                "SuspiciousSession",
            )
        },
    },
}
