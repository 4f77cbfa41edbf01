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
