"""Settings for Quotidien, read from environment variables with safe defaults.

The same code runs on one machine (SQLite, in-process cache) and on a fleet
(PostgreSQL through DATABASE_URL, Redis through REDIS_URL).
"""

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "quotidien"
VAR_DIR = Path(os.environ.get("QUOTIDIEN_VAR_DIR", BASE_DIR / "var"))
# The SQLite database, uploads and the secret key live there: it must exist before them.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: use 1/true/yes/on or 0/false/no/off.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name) or str(default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: a whole number is expected.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str) -> list[str]:
    """A comma-separated list of addresses or CIDR ranges, each checked at start."""
    entries = env_list(name, "")
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {entry!r} is neither an address nor a CIDR range."
            ) from None
    return entries


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
HTTPS = env_bool("HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The browsers' preload list is hard to leave again: the operator opts in, after checking
# that every subdomain is served over HTTPS (see README, "Configuration").
SECURE_HSTS_PRELOAD = HTTPS and env_bool("HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD or not HTTPS else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No page is framed, by this site or another; Wagtail's preview sets SAMEORIGIN on its own.
X_FRAME_OPTIONS = "DENY"
# Readers' pages run no script and take styles from static files only: nothing inline.
# JSON-LD (<script type="application/ld+json">) is data that browsers never run, so no
# policy applies to it. Card payments send the reader on to Stripe's own pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'", "https://checkout.stripe.com", "https://billing.stripe.com"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": HTTPS,
    }
}
# The back office's and the API docs' own programs, by path (see quotidien/csp.py).
CONTENT_SECURITY_POLICY_BY_PATH = {
    # Wagtail's admin still writes some inline scripts and style attributes; users' avatars
    # come from Gravatar; the preview of a page shows it in a frame of the admin itself.
    "/admin/": {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "www.gravatar.com"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    },
    # Swagger UI, from ninja's local static files: its icons are data: URIs in its CSS.
    "/api/v1/docs": {
        "img-src": ["'self'", "data:"],
    },
}

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
    # Gives Django's empty 405 answers a short French body (quotidien/errors.py).
    "quotidien.errors.MethodNotAllowedMiddleware",
    "quotidien.csp.PolicyByPathMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "quotidien.news.middleware.SiteMiddleware",
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

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'quotidien.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while the newsroom writes; the timeout rides out short locks.
    # Connections are kept like PostgreSQL's: opening one (and its PRAGMAs) cost each request.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# A read replica (a PostgreSQL standby) for what anonymous readers read: pages, feeds,
# sitemaps, search, the API. Writes, the back office, logged-in readers and whoever wrote
# in the last DATABASE_REPLICA_PIN_SECONDS read the primary (see quotidien/replica.py).
if DATABASE_REPLICA_URL := os.environ.get("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = {
        **dj_database_url.parse(
            DATABASE_REPLICA_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        ),
        # Tests read the test database through it.
        "TEST": {"MIRROR": "default"},
    }
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        # A replica that went away costs a reader a second, not a hung request (nor the
        # load balancer's health probe, which asks it too).
        DATABASES["replica"]["OPTIONS"] = {"connect_timeout": 1}
DATABASE_ROUTERS = ["quotidien.replica.ReplicaRouter"]
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 15)
# How long the worker waits for the replica to have a change before the pages it outdated
# are outdated once more (a standby on the same network replays within milliseconds): no
# shorter than the lag at which readers are sent to the primary.
DATABASE_REPLICA_WAIT_SECONDS = env_int("DATABASE_REPLICA_WAIT_SECONDS", 30)
# A replica further behind than this, or that does not answer, is left aside until it is
# back; each web process asks it again this often.
DATABASE_REPLICA_MAX_LAG_SECONDS = env_int("DATABASE_REPLICA_MAX_LAG_SECONDS", 30)
DATABASE_REPLICA_CHECK_SECONDS = env_int("DATABASE_REPLICA_CHECK_SECONDS", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# What each web process keeps of the pages in its memory (quotidien/pagecache/backends.py):
# at most so many pages and megabytes, each kept from its second rendering on (a page read
# once, as a crawler reads the archive, pushes out no page that readers ask for).
_page_memory = {
    "MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 1000),
    "MAX_BYTES": env_int("PAGE_CACHE_MAX_MB", 16) * 1024 * 1024,
    "MIN_USES": env_int("PAGE_CACHE_MIN_USES", 2),
}
if REDIS_URL:
    _redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "quotidien"),
    }
    CACHES = {
        "default": _redis,
        # Anonymous pages, shared by every web process of every machine…
        "pages": {**_redis, "TIMEOUT": 24 * 3600},
        # …and the pages each process served, kept there too (PAGE_CACHE_FIRST_LEVEL).
        "pages-local": {
            "BACKEND": "quotidien.pagecache.backends.ProcessMemoryCache",
            "LOCATION": "pages-local",
            "TIMEOUT": 24 * 3600,
            "OPTIONS": _page_memory,
        },
        "versions": {**_redis, "TIMEOUT": None},
        "ratelimits": {**_redis, "TIMEOUT": 3600},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Anonymous pages, in each web process.
        "pages": {
            "BACKEND": "quotidien.pagecache.backends.ProcessMemoryCache",
            "LOCATION": "pages",
            "TIMEOUT": 24 * 3600,
            "OPTIONS": _page_memory,
        },
        # What tells every process that a cached page is out of date: in the database,
        # which they all share (the table is created by `migrate`).
        "versions": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "quotidien_page_versions",
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": 1_000_000, "CULL_FREQUENCY": 10},
        },
    }
# Anonymous readers' pages come from the page cache, never stale (see quotidien/pagecache).
PAGE_CACHE = env_bool("PAGE_CACHE", default=True)
# A logged-in reader's article page is rendered once for every reader who would see the
# same of it, their own parts (name, comments awaiting, form tokens) filled in per request
# (quotidien/pagecache/personal.py).
PAGE_CACHE_SHARED_PERSONAL = env_bool("PAGE_CACHE_SHARED_PERSONAL", default=True)
# With Redis, the cache in each web process in front of the shared pages (a cache alias).
PAGE_CACHE_FIRST_LEVEL = "pages-local" if REDIS_URL else None
# Changes to page versions are announced to every process of this machine through this
# file in shared memory, and with Redis to every machine on a channel of that Redis (see
# pagecache/versions.py): a web process reads versions again only when told to.
PAGE_CACHE_CHANGE_STAMP = VAR_DIR / "page-versions.stamp"
PAGE_CACHE_CHANGE_CHANNEL = REDIS_URL
# A web process reads versions again at least this often, told or not: how late a change
# could show that nothing announced (another machine without Redis, a Redis unreachable).
PAGE_CACHE_MEMO_SECONDS = env_int("PAGE_CACHE_MEMO_SECONDS", 1)
# Readers who get more than a cached teaser of a subscriber article without logging in.
PAGE_CACHE_PRIVILEGED = "quotidien.subscriptions.institutions.privileged_request"
# How long a CDN in front may keep a page without asking again (0: it revalidates each time).
PAGE_CACHE_CDN_SECONDS = env_int("PAGE_CACHE_CDN_SECONDS", 0)
# The query parameters each kind of page reads (the first pattern that matches its path
# wins): the cache keys a page by these alone, so that tracking parameters (utm_*, fbclid…)
# or made-up ones get the page already cached instead of making a new one.
PAGE_CACHE_QUERY_PARAMETERS = [
    (r"^/recherche/$", ["q", "rubrique", "auteur", "du", "au", "tri", "page"]),
    (r"/commentaires/$", ["ordre", "page"]),
    (r"^/sitemap[-\w]*\.xml$", ["p"]),
    (r"", ["page"]),
]
# Parameters that make a page the reader's own (a gift link opens an article in full):
# such a request is neither served nor stored by the cache. Each names what tells a value
# that does (a signed gift) from a made-up one, which gets the cached page (None: any does).
PAGE_CACHE_PERSONAL_PARAMETERS = {"cadeau": "quotidien.subscriptions.gifts.is_signed"}

# The caching proxies and CDNs in front, told by the worker to forget the pages a change
# outdated (quotidien/frontcache), through Wagtail's frontend cache backends.
WAGTAILFRONTENDCACHE = {
    f"varnish-{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": location,
    }
    for number, location in enumerate(env_list("FRONTEND_CACHE_VARNISH_URLS", ""), start=1)
}
if _cloudflare_token := os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN"):
    if not os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONE"):
        raise ImproperlyConfigured(
            "FRONTEND_CACHE_CLOUDFLARE_TOKEN is set: set FRONTEND_CACHE_CLOUDFLARE_ZONE "
            "to the id of the site's Cloudflare zone too."
        )
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": _cloudflare_token,
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONE"],
    }
if _distribution := os.environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION"):
    # Needs boto3, installed apart; it reads its credentials from AWS_* variables.
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": _distribution,
    }
# A failed purge is tried again after this delay, doubled at each attempt, up to this
# many attempts in all; then the pages wait for PAGE_CACHE_CDN_SECONDS to run out.
FRONTEND_CACHE_RETRY_SECONDS = env_int("FRONTEND_CACHE_RETRY_SECONDS", 30)
FRONTEND_CACHE_PURGE_ATTEMPTS = env_int("FRONTEND_CACHE_PURGE_ATTEMPTS", 6)

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
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

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Beirut")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The site's fonts come from their npm packages (`make install` puts them in node_modules/).
FONTS_DIR = BASE_DIR / "node_modules" / "@fontsource-variable"
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    ("fonts/source-serif-4", FONTS_DIR / "source-serif-4" / "files"),
    ("fonts/source-sans-3", FONTS_DIR / "source-sans-3" / "files"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploads no URL serves (documents sent with a right-of-reply request): empty, `private/`
# beside MEDIA_ROOT. Backups hold them with the media.
PRIVATE_ROOT = os.environ.get("PRIVATE_ROOT") or None
# Local media is served by the site itself until a web server or object storage takes over.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Quotidien")
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "news.NewsImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Refuses, with a form error, a photo file cut short or damaged after a valid header.
WAGTAILIMAGES_IMAGE_FORM_BASE = "quotidien.news.image_forms.PhotoForm"
# A few kilobytes of PNG can unpack to gigabytes: 50 million pixels (a 50-megapixel
# camera's photo) keeps a rendition's decoding to about 200 MB (Wagtail's own: 128 million).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 50_000_000)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAIL_I18N_ENABLED = False
# Web addresses in ASCII, accents folded: « Avancée » → /avancee/, as readers type them.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English"), ("ar", "العربية")]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# Wagtail's database backend, with what editors type in a search box made safe on SQLite.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "quotidien.wagtail_search"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False

QUOTIDIEN_PAGE_SIZE = 20
# Comments close by themselves this many days after an article's first publication.
QUOTIDIEN_COMMENTS_OPEN_DAYS = env_int("COMMENTS_OPEN_DAYS", 14)
# Reports by this many readers send a published comment back to the moderation queue,
# unless a moderator approved it. Only readers whose account is this many days old and who
# have a published comment of their own count toward it: the others' reports reach the
# moderators all the same.
QUOTIDIEN_COMMENTS_REPORTS_TO_HOLD = env_int("COMMENTS_REPORTS_TO_HOLD", 3)
QUOTIDIEN_COMMENTS_REPORTER_MIN_DAYS = env_int("COMMENTS_REPORTER_MIN_DAYS", 7)
QUOTIDIEN_COMMENTS_PAGE_SIZE = 30
# Right of reply (article 13 of the law of 29 July 1881): a daily publishes a reply within
# three days of receiving it.
QUOTIDIEN_REPLY_DEADLINE_DAYS = env_int("REPLY_DEADLINE_DAYS", 3)
# The screening of reader comments: its rules in the order they run, each a class with its
# OPTIONS (see quotidien.moderation.screening.registry).
_SCREENING = "quotidien.moderation.screening"
MODERATION_RULES = [
    {"NAME": f"{_SCREENING}.words.BannedWords"},
    {"NAME": f"{_SCREENING}.words.SuspectWords"},
    {"NAME": f"{_SCREENING}.dehumanising.Dehumanising"},
    {"NAME": f"{_SCREENING}.insults.Insults"},
    {"NAME": f"{_SCREENING}.threats.Threats"},
    {"NAME": f"{_SCREENING}.shouting.Shouting", "OPTIONS": {"share": 0.7, "min_letters": 20}},
    {"NAME": f"{_SCREENING}.links.Links"},
    {"NAME": f"{_SCREENING}.links.Spam", "OPTIONS": {"hold_score": 3, "reject_score": 4}},
    {"NAME": f"{_SCREENING}.flood.Flood"},
    {"NAME": f"{_SCREENING}.personal.PersonalData"},
    # The statistical classifier: what it finds likely harmful from `hold` is held, from
    # `refuse` refused, where a section sets no thresholds of its own.
    {
        "NAME": "quotidien.moderation.classifier.rule.ClassifierRule",
        "OPTIONS": {"hold": 0.45, "refuse": 0.99},
    },
    {"NAME": f"{_SCREENING}.history.Duplicate", "OPTIONS": {"min_characters": 20}},
    {"NAME": f"{_SCREENING}.history.Rate", "OPTIONS": {"per_minute": 3}},
    {"NAME": f"{_SCREENING}.history.NewAccount", "OPTIONS": {"hours": 24}},
]
# Agency wires: the largest file or pushed body accepted (bytes).
QUOTIDIEN_WIRE_MAX_BYTES = env_int("WIRE_MAX_BYTES", 5 * 1024 * 1024)
# Public API: how long public reads may be cached; writes allowed per token, reader or address.
QUOTIDIEN_API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 60)
QUOTIDIEN_API_WRITE_RATE = os.environ.get("API_WRITE_RATE", "60/m")

# How often one account or address may act, as (count, seconds); a count of 0 turns a
# limit off. Counted for every worker: in Redis with REDIS_URL, else in the database.
QUOTIDIEN_RATE_LIMITS = {
    "comment": (env_int("COMMENTS_PER_MINUTE", 5), 60),
    "report": (env_int("REPORTS_PER_HOUR", 10), 3600),
    "signup": (env_int("SIGNUPS_PER_HOUR", 10), 3600),
    "password-reset-address": (env_int("PASSWORD_RESETS_PER_HOUR", 10), 3600),
    "password-reset-email": (env_int("PASSWORD_RESETS_PER_HOUR_PER_EMAIL", 3), 3600),
    "reader-token": (env_int("TOKEN_ATTEMPTS_PER_MINUTE", 10), 60),
    "reply-request": (env_int("REPLY_REQUESTS_PER_HOUR", 5), 3600),
    # Passwords tried on a page behind a password (Wagtail's « Confidentialité »): from
    # one address, and from all addresses together (quotidien/ratelimits/page_passwords.py).
    "page-password": (env_int("PAGE_PASSWORD_ATTEMPTS_PER_HOUR", 10), 3600),
    "page-password-page": (env_int("PAGE_PASSWORD_ATTEMPTS_PER_HOUR_PER_PAGE", 100), 3600),
}
RATE_LIMITS_CACHE = "ratelimits" if REDIS_URL else None

# Subscriber articles: what readers without access see, and the other ways in.
# The teaser ends after this many words of the body (0: after its first paragraph).
QUOTIDIEN_TEASER_WORDS = env_int("TEASER_WORDS", 0)
# Subscriber articles a logged-in reader without a subscription reads each month (0: none).
QUOTIDIEN_METER_PER_MONTH = env_int("METER_PER_MONTH", 3)
# Subscriber articles a subscriber may offer each month, and how long a gift link opens one.
QUOTIDIEN_GIFTS_PER_MONTH = env_int("GIFTS_PER_MONTH", 5)
QUOTIDIEN_GIFT_DAYS = env_int("GIFT_DAYS", 7)
# Card payments (see README, "Abonnements et paiements"): without keys, plans are sold by
# the Service abonnés only.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")

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

# The proxies in front (Varnish, a load balancer), comma-separated addresses or CIDR
# ranges: from their requests the reader's address is read in X-Forwarded-For (see
# quotidien/proxies.py). Empty: nobody is trusted, the connection's address is the reader's.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
# The operators' own addresses or CIDR ranges, which read /sante/ in full (as do the
# trusted proxies and the machine itself); anyone else gets its status only. (Not
# Django's INTERNAL_IPS: that one lists addresses, not ranges, for the debug context.)
HEALTH_DETAIL_NETWORKS = env_networks("HEALTH_DETAIL_NETWORKS")
# /sante/ says "degraded" once a task has waited this long for a worker (seconds): the
# worker is down, or too slow for what the site asks of it.
HEALTH_QUEUE_MAX_WAIT_SECONDS = env_int("HEALTH_QUEUE_MAX_WAIT_SECONDS", 300)

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
    # A body too large or an unknown Host is the client's doing, answered with a 400:
    # a warning line, not an error with a traceback.
    "filters": {"one_line_warning": {"()": "quotidien.errors.OneLineWarning"}},
    "loggers": {
        f"django.security.{name}": {"filters": ["one_line_warning"]}
        for name in ("RequestDataTooBig", "DisallowedHost")
    },
}

# Tags: "Réfugiés" and "réfugiés" are one subject, at /sujet/refugies/.
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
