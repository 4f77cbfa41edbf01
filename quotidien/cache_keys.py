"""The caches' keys, written as Django writes them unless a store could not take them.

Some keys carry what a reader sent: the page cache's versions name the address
("path:/liban/…/"), which anyone can make as long as they like, with spaces or control
characters in it. Such a key is written as its digest instead: the database's table
holds 255 characters at most (an error on PostgreSQL, which the versions would take for
their store lost), and memcached takes neither more than 250 nor those characters.
Django warns of both (`CacheKeyWarning`); the keys it warns of never reach a store.
"""

import hashlib

# memcached's limit, the stricter (Django's `MEMCACHE_MAX_KEY_LENGTH`).
MAX_LENGTH = 250


def make_key(key: str, key_prefix: str, version: int) -> str:
    """Django's key (`prefix:version:key`), or `prefix:version:#<sha256 of key>` when that
    would be too long or hold a space or a control character. The settings' `KEY_FUNCTION`."""
    full = f"{key_prefix}:{version}:{key}"
    if len(full) <= MAX_LENGTH and all(32 < ord(char) != 127 for char in full):
        return full
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{key_prefix}:{version}:#{digest}"
