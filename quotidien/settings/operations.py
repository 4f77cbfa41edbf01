"""Running the site: background tasks, e-mail, the health page and logging."""

import os

from django.core.exceptions import ImproperlyConfigured

from .env import env_int, env_networks

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

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "redaction@quotidien.example")

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
    raise ImproperlyConfigured(f"REQUEST_LOG={REQUEST_LOG!r}: use json, or leave it empty.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # A SuspiciousOperation (a body too large, an unknown Host, an address climbing out of
    # the media folder…) is the client's doing, answered with a 400. Django logs each on
    # `django.security.<its class>` as an error with a traceback: a warning line instead.
    "filters": {"one_line_warning": {"()": "quotidien.errors.OneLineWarning"}},
    "loggers": {
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
}
