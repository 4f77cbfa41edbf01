"""The caches and sessions: in each process and the database by default, in Redis
through REDIS_URL.
"""

import os

from .env import env_int

REDIS_URL = os.environ.get("REDIS_URL", "")
# What each web process keeps of the pages in its memory (quotidien/pagecache/backends.py):
# at most so many pages and megabytes, each kept from its second rendering on (a page read
# once, as a crawler reads the archive, pushes out no page that readers ask for).
_page_memory = {
    "MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 1000),
    "MAX_BYTES": env_int("PAGE_CACHE_MAX_MB", 16) * 1024 * 1024,
    "MIN_USES": env_int("PAGE_CACHE_MIN_USES", 2),
}


# Keeps nothing: the parts of a page that may not be kept (quotidien/pagecache/fragments.py).
_NOWHERE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


# Keys as Django writes them, or their digest when a store could not take them (an
# address made up as long as one likes, quotidien/cache_keys.py).
KEY_FUNCTION = "quotidien.cache_keys.make_key"


def redis_caches(url: str, prefix: str) -> dict:
    """The caches with Redis at `url`, their keys starting with `prefix`."""
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "KEY_FUNCTION": KEY_FUNCTION,
        # A Redis that does not answer fails a request's cache in half a second to connect
        # (a local network answers in a millisecond), not in the minutes the system's TCP
        # timeouts would take.
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 2},
    }
    # Caches whose loss costs only time: while Redis does not answer, a read misses and a
    # write is dropped (Wagtail's and the sessions' copies, which the database holds too;
    # the pages). The versions and the limits' counts say what to do themselves
    # (quotidien/cache_outage.py).
    redis_or_nothing = {**redis, "OPTIONS": {**redis["OPTIONS"], "IGNORE_EXCEPTIONS": True}}
    return {
        "default": redis_or_nothing,
        # Anonymous pages, shared by every web process of every machine…
        "pages": {**redis_or_nothing, "TIMEOUT": 24 * 3600},
        # …and the pages each process served, kept there too (PAGE_CACHE_FIRST_LEVEL).
        "pages-local": {
            "BACKEND": "quotidien.pagecache.backends.ProcessMemoryCache",
            "LOCATION": "pages-local",
            "KEY_FUNCTION": KEY_FUNCTION,
            "TIMEOUT": 24 * 3600,
            "OPTIONS": _page_memory,
        },
        "versions": {**redis, "TIMEOUT": None},
        "ratelimits": {**redis, "TIMEOUT": 3600},
        "fragments-off": _NOWHERE,
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL, os.environ.get("CACHE_KEY_PREFIX", "quotidien"))
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    # What Redis refused, in one warning line a minute (LOGGING).
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "quotidien.cache_outage"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": KEY_FUNCTION,
        },
        # Anonymous pages, in each web process.
        "pages": {
            "BACKEND": "quotidien.pagecache.backends.ProcessMemoryCache",
            "LOCATION": "pages",
            "KEY_FUNCTION": KEY_FUNCTION,
            "TIMEOUT": 24 * 3600,
            "OPTIONS": _page_memory,
        },
        # What tells every process that a cached page is out of date: in the database,
        # which they all share (the table is created by `migrate`).
        "versions": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "quotidien_page_versions",
            "KEY_FUNCTION": KEY_FUNCTION,
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": 1_000_000, "CULL_FREQUENCY": 10},
        },
        "fragments-off": _NOWHERE,
    }
