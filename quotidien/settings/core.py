"""The project itself: where its files are, its secret key, debug, hosts, apps,
middleware, templates and language.
"""

import os
import secrets
from pathlib import Path

from .env import env_bool, env_list, env_time_zone

# The checkout: quotidien/settings/core.py is three levels below it.
BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "quotidien"
VAR_DIR = Path(os.environ.get("QUOTIDIEN_VAR_DIR", BASE_DIR / "var"))
# The SQLite database, uploads and the secret key live there: it must exist before them.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in var/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


DEBUG = env_bool("DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "quotidien.accounts",
    "quotidien.news",
    "quotidien.comments",
    "quotidien.moderation",
    "quotidien.moderation.classifier",
    "quotidien.search",
    "quotidien.syndication",
    "quotidien.pagecache",
    # Purges the proxies and CDNs in front (WAGTAILFRONTENDCACHE) from the worker.
    # wagtail.contrib.frontend_cache is left out: its handlers would purge on their own.
    "quotidien.frontcache",
    "quotidien.audience",
    "quotidien.ingest",
    "quotidien.api",
    "quotidien.subscriptions",
    "quotidien.ratelimits",
    "quotidien.corrections",
    "quotidien.entities",
    # Background work (e-mails, re-indexing): Django's tasks framework, its queue in the
    # database, run by `quotidien worker`.
    "django_tasks",
    "django_tasks_db",
    # Serves the API docs page (Swagger UI) from local static files, no CDN.
    "ninja",
    "quotidien.demo",
    "quotidien.backup",
    "quotidien.sitepages",
    "quotidien.live",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # First, before anything reads REMOTE_ADDR: the reader's address behind a trusted
    # proxy (TRUSTED_PROXIES), for requests that do not come through wsgi.py.
    "quotidien.proxies.ForwardedAddressMiddleware",
    # Next, ahead of everything that reads the database, Redis or the host: `/sante/`
    # (quotidien/health.py) answers whatever of them fails.
    "quotidien.health.HealthCheckMiddleware",
    # Before anything reads the database: decides whether this request's reads may come
    # from the read replica (only when DATABASE_REPLICA_URL is set; see quotidien/replica.py).
    "quotidien.replica.ReplicaReadsMiddleware",
    # Outermost, so it compresses what the others make: text only (pages from the page
    # cache come already compressed, once, when stored).
    "quotidien.pagecache.compression.TextCompressionMiddleware",
    # Next: a cached anonymous page needs no session nor user, and is stored with the
    # headers every other middleware adds.
    "quotidien.pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Out here, so that every answer carries it, early refusals too (an unknown host).
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Gives Django's empty 405 answers a short French body (quotidien/errors.py).
    "quotidien.errors.MethodNotAllowedMiddleware",
    "quotidien.csp.PolicyByPathMiddleware",
    # Before anything reads a request's body (the CSRF check reads a form's), inside the
    # security headers: refuses one larger than the site reads, REQUEST_BODY_MAX_BYTES
    # (quotidien/errors.py).
    "quotidien.errors.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A session cookie of a shape Django never makes names no session (quotidien/sessions.py).
    "quotidien.sessions.ForeignSessionCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "quotidien.news.middleware.SiteMiddleware",
    # Stops the login forms of a connection that failed too often on many accounts
    # (quotidien/accounts/login_limit.py).
    "quotidien.accounts.login_limit.ConnectionLimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its French page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "quotidien.urls"
WSGI_APPLICATION = "quotidien.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "quotidien.news.context_processors.navigation",
                "quotidien.sitepages.context_processors.footer",
            ],
        },
    },
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# « 8 décembre 2026 à 9 h 00 » wherever a moment is shown without a format of its own.
FORMAT_MODULE_PATH = ["quotidien.formats"]
TIME_ZONE = env_time_zone("TIME_ZONE", "Asia/Beirut")
USE_I18N = True
USE_TZ = True
