"""The anonymous page cache (quotidien/pagecache) and the caching proxies and CDNs in
front, which the worker tells to forget outdated pages (quotidien/frontcache).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .caches import REDIS_URL
from .core import VAR_DIR
from .env import env_bool, env_int, env_list

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
    # The form names the article it was reached from; a reader who logs in comes back to it.
    (r"^/droit-de-reponse/$", ["article"]),
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
            "FRONTEND_CACHE_CLOUDFLARE_TOKEN est défini : définissez aussi "
            "FRONTEND_CACHE_CLOUDFLARE_ZONE, l’identifiant de la zone Cloudflare du site."
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
