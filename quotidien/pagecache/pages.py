"""Which requests and responses the page cache serves and keeps, and what it keeps of them.

Both the WSGI entry (which answers before Django when it can) and the middleware (which
fills the cache, and answers when the entry is not in front, as under the test client)
read requests as WSGI environ dicts, so they find the same pages under the same keys.

A page is cached only for a GET without session or messages cookie, when the response
is a 200 that sets no cookie and carries no CSRF token: whatever is personal is never
stored, and logged-in readers and staff always get their own page. A session cookie that
names no session (made up, or left from an expired one) is an anonymous reader's: the
session store is asked once per such key, then the key is remembered as naming nothing
(session keys are made by the server, so it never will), and Django's deletion of that
cookie does not stop the page from being stored.

A page is keyed by the query parameters it reads (`settings.PAGE_CACHE_QUERY_PARAMETERS`,
by kind of path): tracking parameters and made-up ones get the page already cached. Of a
repeated parameter only the last value counts (the one Django's `QueryDict.get` reads), and
a page number counts as the number it is (`?page=0002` is `?page=2`, `?page=1` and
`?page=` are the first page): a page missed is rendered from that canonical query
(`canonical_query`), so that what is stored under a key is what its plain address shows.
The host counts without its port: Django and Wagtail choose the site by the server's own
port, and every address the page shows is built on the site's, never on the Host header.

A response marked `page_cache_restricted` (a subscriber article's teaser) is what readers
without access get: it is not served to a request that `settings.PAGE_CACHE_PRIVILEGED`
(a dotted path to a callable given the WSGI environ) says may get more, such as a reader
at an institution's address, who gets their own page instead.

A page is kept until what it shows changes (see versions.py), but never past the local
midnight of the day it was stored (`settings.TIME_ZONE`): pages show the day's date. A
response given `keep_for()` is kept at most that long, for what changes without an edit
(the front page's most read articles).

A text page is stored with its gzip variant, compressed once, and readers whose browser
takes gzip get that one (under its own ETag, as representations of a page must differ).

Pages live in the "pages" cache; when it is shared (Redis), the cache that
`settings.PAGE_CACHE_FIRST_LEVEL` names keeps in each process, as objects, the pages it
served, so that a hot page costs neither a round trip nor its unpickling. Either copy is
served only while its versions are the current ones: a copy of this process that fell
behind gives way to the shared one, which another process may have rendered meanwhile.
"""

import functools
import hashlib
import logging
import re
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signing
from django.core.cache import BaseCache, caches
from django.core.handlers.wsgi import get_path_info, get_script_name
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import QueryDict, parse_cookie
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags
from django.utils.module_loading import import_string

from quotidien import cache_outage
from quotidien.sessions import could_be_session_key

from . import compression, versions, viewing

logger = logging.getLogger(__name__)

SKIPPED_PREFIXES = (
    "/admin/",
    "/api/",
    "/audience/",
    "/compte/",
    "/commentaires/",
    "/documents/",
    "/media/",
    "/static/",
)
# The cache says these itself (from the view's own validators and Cache-Control when it
# gives them, see CachedPage.of); the rest of a response's headers are kept as they are.
OWN_HEADERS = {"cache-control", "content-length", "etag", "expires", "last-modified"}
# Session keys whose existence each process remembers, at most this many.
SESSIONS_KEPT = 10_000
# Part of every key: a CachedPage stored by a version of the code with other fields (in
# Redis, shared across a deployment) is not found, rather than found unreadable.
PAGE_FORMAT = 3
# The parameters that number the pages of a list: their value is read as Django's
# paginator reads it (`int()`), and 1 is the list's first page.
PAGE_NUMBERS = frozenset({"page", "p"})
# What a 304 repeats of the full answer (as Django's conditional responses do).
NOT_MODIFIED_HEADERS = {"cache-control", "etag", "expires", "last-modified", "vary"}


@dataclass(frozen=True)
class CachedPage:
    """A rendered page as readers get it, with the versions it was rendered at."""

    versions: dict[str, str]
    etag: str
    content: bytes
    headers: tuple[tuple[str, str], ...]
    not_modified_headers: tuple[tuple[str, str], ...]
    # When the page stops being served (seconds since the epoch).
    expires: float
    restricted: bool = False
    # What each view of the page counts (see viewing.py), None for nothing.
    counted: Hashable | None = None
    # The content compressed with gzip, None when not worth it (see compression.py).
    gzipped: bytes | None = None

    @classmethod
    def of(
        cls, response, page_versions: dict[str, str], *, counted: Hashable | None = None
    ) -> "CachedPage":
        # A view that gives its own validators (the live entries' answer, the feeds) keeps
        # them: its 304s compare them, and they stay the same each time the page is
        # stored again. Else the content's digest, and the moment the page was stored.
        etag = response.get("ETag") or (
            f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        )
        now = time.time()
        expires = min(
            now + getattr(response, "page_cache_seconds", float("inf")), next_midnight(now)
        )
        restricted = getattr(response, "page_cache_restricted", False)
        # A CDN in front keeps the page no longer than this cache does, and a subscriber
        # article's teaser not at all: it cannot tell the readers of an institution's
        # address range, who read the article in full, from the others.
        seconds = 0 if restricted else min(settings.PAGE_CACHE_CDN_SECONDS, int(expires - now))
        if own := response.get("Cache-Control"):
            # The view's, as it wrote it (how long a browser may reuse the answer): a CDN
            # in front gets this cache's lifetime beside it, unless the view gave one.
            cache_control = (
                f"{own}, s-maxage={seconds}" if seconds and "s-maxage" not in own else own
            )
        else:
            cache_control = (
                f"public, max-age=0, s-maxage={seconds}" if seconds else "public, max-age=0"
            ) + ", must-revalidate"
        patch_vary_headers(response, ["Cookie"])
        gzipped = None
        if len(response.content) >= compression.SMALLEST and compression.compressible(
            response.get("Content-Type", "")
        ):
            gzipped = compression.gzipped(response.content)
            patch_vary_headers(response, ["Accept-Encoding"])
        headers = (
            *((name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS),
            ("Cache-Control", cache_control),
            ("ETag", etag),
            ("Last-Modified", response.get("Last-Modified") or http_date(now)),
        )
        return cls(
            versions=page_versions,
            etag=etag,
            content=response.content,
            headers=(*headers, ("Content-Length", str(len(response.content)))),
            not_modified_headers=tuple(h for h in headers if h[0].lower() in NOT_MODIFIED_HEADERS),
            expires=expires,
            restricted=restricted,
            counted=counted,
            gzipped=gzipped,
        )

    def answer(self, meta: dict, *, hit: bool) -> tuple[int, list[tuple[str, str]], bytes]:
        """Status, headers and body for the request in `meta`: 304 when it has the page."""
        mark = ("X-Page-Cache", "hit" if hit else "miss")
        if self.gzipped is None or not compression.accepts_gzip(meta):
            etag, content, encoding = self.etag, self.content, ()
        else:
            etag, content, encoding = self.gzip_etag, self.gzipped, (("Content-Encoding", "gzip"),)
        if self.known_to(meta.get("HTTP_IF_NONE_MATCH"), etag):
            return 304, [*self._with_etag(self.not_modified_headers, etag), mark], b""
        headers = [
            *self._with_etag((h for h in self.headers if h[0] != "Content-Length"), etag),
            *encoding,
            ("Content-Length", str(len(content))),
            mark,
        ]
        return 200, headers, b"" if meta["REQUEST_METHOD"] == "HEAD" else content

    @property
    def gzip_etag(self) -> str:
        """The ETag of the gzip variant: the page's own, marked (as Apache marks it)."""
        return f'{self.etag[:-1]}-gzip"'

    @staticmethod
    def _with_etag(headers, etag: str) -> list[tuple[str, str]]:
        return [("ETag", etag) if name == "ETag" else (name, value) for name, value in headers]

    @staticmethod
    def known_to(if_none_match: str | None, etag: str) -> bool:
        """Whether a request's If-None-Match names `etag` (weak or strong) or any."""
        if not if_none_match:
            return False
        etags = parse_etags(if_none_match)
        return "*" in etags or etag in (e.removeprefix("W/") for e in etags)


def keep_for(response, seconds: int) -> None:
    """Let the page cache keep `response` at most `seconds`: for a page that shows what
    changes without an edit, such as the most read articles."""
    response.page_cache_seconds = seconds


def next_midnight(now: float) -> float:
    """The first local midnight (`settings.TIME_ZONE`) after `now`, both in epoch seconds."""
    zone = timezone.get_default_timezone()
    tomorrow = datetime.fromtimestamp(now, zone).date() + timedelta(days=1)
    return datetime(tomorrow.year, tomorrow.month, tomorrow.day, tzinfo=zone).timestamp()


class Lookup(NamedTuple):
    key: str
    versions: dict[str, str]
    page: CachedPage | None
    # The query parameters the page reads, in their canonical spelling (see _page_query).
    query: str = ""


def look_up(meta: dict, path: str | None = None) -> Lookup | None:
    """The cache's view of the request in `meta`; None when the cache must stay out of it.

    `path` is `request.path` when Django made the request (which decodes `PATH_INFO` in
    `meta` in place); from a WSGI environ it is made as Django would make it.
    """
    config = _config()
    if meta["REQUEST_METHOD"] not in ("GET", "HEAD") or not config.enabled:
        return None
    path = path or _path(meta, config)
    # An address with a NUL names no page (and PostgreSQL, which may hold the versions,
    # refuses NUL in a text): Django answers it, uncached.
    if (
        path.startswith(SKIPPED_PREFIXES)
        or "\x00" in path
        or _personal(meta.get("HTTP_COOKIE"), config)
    ):
        return None
    query = _page_query(meta.get("QUERY_STRING", ""), path, config)
    if query is None:
        return None
    try:
        now = versions.current(versions.path_keys(path))
    except versions.Unavailable:
        cache_outage.warn(
            logger, "Versions des pages illisibles (Redis injoignable ?) : pages sans cache"
        )
        return None
    key = _page_key(meta, path, query, config)
    page = _current_page(key, now, config)
    if page is not None and page.restricted and config.privileged and config.privileged(meta):
        page = None
    return Lookup(key, now, page, query)


def canonical_query(meta: dict, path: str, lookup: Lookup) -> str | None:
    """The query string the page of `lookup` is to be rendered from, when the request's
    differs: the parameters the page reads as the key spells them, then the others as
    they came (a page kept reads none of them; one that is not, such as a form, may), less
    personal ones with a made-up value (the page would be kept as if they were not there).
    None when the same. A page that repeats its own address writes `page_address()`."""
    query = meta.get("QUERY_STRING", "")
    if not query:
        return None
    config = _config()
    names = _read_names(path, config)
    others = [
        (n, v)
        for n, v in parse_qsl(query, keep_blank_values=True)
        if n not in names and n not in config.personal_parameters
    ]
    canonical = "&".join(part for part in (lookup.query, urlencode(others)) if part)
    return None if QueryDict(canonical) == QueryDict(query) else canonical


def shared_parameters(request) -> list[tuple[str, str]]:
    """The request's query parameters that every reader given its page may see, in the
    order they came: those the page reads (those of its key), and a signed gift
    (`?cadeau=`), whose page is never kept, the last of it as the page reads it. A made-up
    one is left out: the cache renders a missed page with it, and the page must not write
    it back."""
    config = _config()
    read = _read_names(request.path, config)
    return [
        (name, value)
        for name, values in request.GET.lists()
        for value in (values if name in read else values[-1:])
        if name in read or _makes_personal(name, value, config)
    ]


def page_address(request) -> str:
    """The address of the page `request` asks for as every reader is given it, for what a
    page repeats of its own address (the masthead's « Se connecter », which brings the
    reader back): its path and `shared_parameters`."""
    kept = shared_parameters(request)
    return f"{request.path}?{urlencode(kept)}" if kept else request.path


def _current_page(key: str, now: dict[str, str], config: "_Config") -> CachedPage | None:
    """The page stored at `key` if it shows the `now` versions and has not expired: this
    process's copy when it has one, else the shared one (then kept in this process)."""
    if (first := config.first_level) is not None:
        page = first.get(key)
        if page is not None and page.versions == now and page.expires > time.time():
            return page
    page = config.store.get(key)
    if page is None or page.versions != now or page.expires <= time.time():
        return None
    if first is not None:
        first.set(key, page, timeout=_timeout(page))
    return page


def _timeout(page: CachedPage) -> int:
    # The store may drop it then too; the lookup does not rely on it.
    return max(1, int(page.expires - time.time()) + 1)


def keep(lookup: Lookup, request, response) -> CachedPage | None:
    """Store the page `response` carries, if it is the same for every anonymous reader."""
    if not (
        response.status_code == 200
        and not response.streaming
        and not _sets_cookies(response)
        and not request.META.get("CSRF_COOKIE_NEEDED")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    ):
        return None
    page = CachedPage.of(response, lookup.versions, counted=viewing.counted(request))
    config = _config()
    config.store.set(lookup.key, page, timeout=_timeout(page))
    if config.first_level is not None:
        config.first_level.set(lookup.key, page, timeout=_timeout(page))
    return page


class _Config(NamedTuple):
    enabled: bool
    session_cookie: str
    proxy_ssl_header: tuple[str, str] | None
    use_x_forwarded_port: bool
    force_script_name: str | None
    store: BaseCache
    first_level: BaseCache | None
    privileged: Callable[[dict], bool] | None
    query_parameters: tuple[tuple[re.Pattern, frozenset[str]], ...]
    # Parameter name → what says whether a value makes the page personal (None: any does).
    personal_parameters: dict[str, Callable[[str], bool] | None]
    session_store: type | None
    messages_signer: signing.Signer


@functools.cache
def _config() -> _Config:
    """The settings a lookup reads, read once (a lookup is a few microseconds)."""
    return _Config(
        settings.PAGE_CACHE,
        settings.SESSION_COOKIE_NAME,
        settings.SECURE_PROXY_SSL_HEADER,
        settings.USE_X_FORWARDED_PORT,
        settings.FORCE_SCRIPT_NAME,
        # The pages' cache is safe to share between threads (LocMemCache locks, Redis pools).
        caches["pages"],
        caches[settings.PAGE_CACHE_FIRST_LEVEL] if settings.PAGE_CACHE_FIRST_LEVEL else None,
        import_string(settings.PAGE_CACHE_PRIVILEGED) if settings.PAGE_CACHE_PRIVILEGED else None,
        tuple(
            (re.compile(pattern), frozenset(names))
            for pattern, names in settings.PAGE_CACHE_QUERY_PARAMETERS
        ),
        {
            name: import_string(check) if check else None
            for name, check in settings.PAGE_CACHE_PERSONAL_PARAMETERS.items()
        },
        # Signed-cookie sessions live in the cookie itself: there is nothing to look up.
        None
        if settings.SESSION_ENGINE.endswith("signed_cookies")
        else import_module(settings.SESSION_ENGINE).SessionStore,
        signing.get_cookie_signer(salt=CookieStorage.key_salt),
    )


@receiver(setting_changed)
def _settings_changed(**kwargs) -> None:
    _config.cache_clear()


def _path(meta: dict, config: _Config) -> str:
    """`request.path` as Django makes it, without its work in the usual case."""
    path_info = meta.get("PATH_INFO") or "/"
    if (
        path_info.isascii()
        and config.force_script_name is None
        and not (meta.get("SCRIPT_NAME") or meta.get("SCRIPT_URL") or meta.get("REDIRECT_URL"))
    ):
        return path_info
    return get_script_name(meta) + (get_path_info(meta) or "/")


def _personal(cookie_header: str | None, config: _Config) -> bool:
    if not cookie_header:
        return False
    cookies = parse_cookie(cookie_header)
    if CookieStorage.cookie_name in cookies and _signed(cookies[CookieStorage.cookie_name], config):
        return True
    session_key = cookies.get(config.session_cookie)
    return (
        session_key is not None
        and could_be_session_key(session_key)
        and _session_exists(session_key, config)
    )


def _signed(value: str, config: _Config) -> bool:
    """Whether a messages cookie is one the site set: Django ignores any other, and so does
    the cache, or a made-up cookie would have every page rendered for its sender."""
    try:
        config.messages_signer.unsign(value)
    except signing.BadSignature:
        return False
    return True


# What each session key was found to name. Keys are made by the server: an unknown one
# never comes to exist, and a known one that ends only costs its holder the cache (their
# browser drops the cookie at logout). Either answer can be kept, so that a logged-in
# reader's request pays no query here beside the one Django's session makes.
_sessions_seen: dict[str, bool] = {}
_sessions_seen_lock = threading.Lock()


def _session_exists(session_key: str, config: _Config) -> bool:
    """Whether `session_key` names a session, asked of the store once per key."""
    if (seen := _sessions_seen.get(session_key)) is not None:
        return seen
    exists = config.session_store is None or config.session_store().exists(session_key)
    with _sessions_seen_lock:
        if len(_sessions_seen) >= SESSIONS_KEPT:
            _sessions_seen.clear()
        _sessions_seen[session_key] = exists
    return exists


def _sets_cookies(response) -> bool:
    """Whether `response` sets a cookie other than the deletion of a session that was none."""
    session_cookie = _config().session_cookie
    return any(
        not (name == session_cookie and morsel.value == "" and morsel["max-age"] == 0)
        for name, morsel in response.cookies.items()
    )


def _page_query(query: str, path: str, config: _Config) -> str | None:
    """The part of `query` the page at `path` reads, in a set order; None when personal."""
    if not query:
        return ""
    names = _read_names(path, config)
    # A page reads the last of a repeated parameter, as Django's QueryDict.get does.
    last = dict(parse_qsl(query, keep_blank_values=True))
    if any(_makes_personal(name, value, config) for name, value in last.items()):
        return None
    read = {name: value for name, value in last.items() if name in names}
    for name in PAGE_NUMBERS.intersection(read):
        if (number := _page_number(read[name])) is None:
            del read[name]
        else:
            read[name] = number
    return urlencode(sorted(read.items()))


def _makes_personal(name: str, value: str, config: _Config) -> bool:
    """Whether the parameter makes the page the reader's own: a gift link's does, a made-up
    value in its place (which no view would take) does not, and is left out."""
    if name not in config.personal_parameters:
        return False
    check = config.personal_parameters[name]
    return check is None or check(value)


def _read_names(path: str, config: _Config) -> frozenset[str] | tuple[()]:
    return next((names for pattern, names in config.query_parameters if pattern.search(path)), ())


def _page_number(value: str) -> str | None:
    """A page number as the paginator reads it ("0002", "+2", " 2" are 2); None for the
    first page, which its plain address shows. What is no number stays as it came: the
    page answers it with a 404, which is not kept."""
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        return value
    return None if number == 1 else str(number)


def _page_key(meta: dict, path: str, query: str, config: _Config) -> str:
    digest = hashlib.sha256(f"{path}?{query}".encode()).hexdigest()
    return f"page:v{PAGE_FORMAT}:{_scheme(meta, config)}:{_host(meta, config)}:{digest}"


def host(meta: dict) -> str:
    """The request's host as the pages depend on it (see `_host`)."""
    return _host(meta, _config())


def _host(meta: dict, config: _Config) -> str:
    """The request's host as the page depends on it: its name as Django validates it
    (lower case, no final dot), and the port Django and Wagtail read to choose the site,
    the server's own, never the one a Host header adds (any passes ALLOWED_HOSTS)."""
    hostname = split_domain_port(meta.get("HTTP_HOST") or meta.get("SERVER_NAME", ""))[0]
    if config.use_x_forwarded_port and "HTTP_X_FORWARDED_PORT" in meta:
        return f"{hostname}:{meta['HTTP_X_FORWARDED_PORT']}"
    return f"{hostname}:{meta.get('SERVER_PORT', '')}"


def _scheme(meta: dict, config: _Config) -> str:
    """http or https, as Django's request.scheme tells them apart."""
    if config.proxy_ssl_header:
        header, secure_value = config.proxy_ssl_header
        if (value := meta.get(header)) is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return meta.get("wsgi.url_scheme", "http")
