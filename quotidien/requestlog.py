"""One JSON line per request, cache hits included, for log collectors (`REQUEST_LOG=json`).

Wrapped around the page cache's WSGI front, so that pages answered before Django are
logged like the others. Each line holds the time (ISO 8601, UTC), method, path, query,
status, duration in milliseconds, bytes of the body and "cache": "hit" or "miss" when
the page cache answered, else null. The duration runs until the response is ready to
send (all of it for a page, the start for a streamed file).

Lines go to standard output in one write each, not through `logging`, whose records cost
several times the rest: a line is shorter than a pipe's atomic write (PIPE_BUF), so the
lines of the server's worker processes never interleave.

Nothing that identifies a reader is written: no address, no cookie; the values of
personal query parameters (a gift link's `cadeau`, tokens, an e-mail address) are left
out, and so are the tokens in the paths of links sent by e-mail.
"""

import os
import re
import time
from json.encoder import encode_basestring_ascii as quoted
from urllib.parse import parse_qsl, quote

from django.conf import settings

# Longer queries are cut, so that a line stays one atomic write.
PATH_MAX_CHARACTERS = 1000
QUERY_MAX_CHARACTERS = 1000

# Query parameters whose values are a reader's own, beside the page cache's personal ones.
PERSONAL_PARAMETERS = frozenset({"token", "jeton", "code", "key", "signature", "email"})
# Paths that carry a token (account confirmation, password reset, the receipt of a
# right-of-reply request): what follows the prefix up to the next slash is left out.
TOKEN_PATHS = re.compile(
    r"^(/compte/confirmer/|/compte/mot-de-passe/[^/]+/|/droit-de-reponse/recue/)"
    r"(?!set-password/)[^/]+"
)
TOKEN_PATH_STARTS = ("/compte/", "/droit-de-reponse/")


class RequestLog:
    """WSGI middleware that logs each request as one JSON line."""

    def __init__(self, application, fd: int = 1):
        self.application = application
        self.fd = fd
        self.personal = PERSONAL_PARAMETERS | frozenset(settings.PAGE_CACHE_PERSONAL_PARAMETERS)
        self._second = (0, "")

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        answer = []

        def start_and_note(status, headers, exc_info=None):
            answer[:] = status, headers
            return start_response(status, headers, exc_info)

        try:
            body = self.application(environ, start_and_note)
        except BaseException:
            # What the server will answer: a 500, the request most worth a line.
            self.write(environ, [], (), time.perf_counter() - started)
            raise
        self.write(environ, answer, body, time.perf_counter() - started)
        return body

    def write(self, environ: dict, answer: list, body, duration: float) -> None:
        try:
            os.write(self.fd, self.line(environ, answer, body, duration).encode() + b"\n")
        except (OSError, ValueError, UnicodeError):
            pass  # a line that cannot be written must not cost the reader their page

    def line(self, environ: dict, answer: list, body, duration: float) -> str:
        status, headers = answer or ("500", ())
        cache = size = None
        # From the end: the page cache adds its mark last, Django its length late.
        for name, value in reversed(headers):
            if len(name) == 12 and name.lower() == "x-page-cache":
                cache = value
                if size is not None:
                    break
            elif len(name) == 14 and name.lower() == "content-length":
                size = int(value)
                if cache is not None:
                    break
        if isinstance(body, list | tuple):
            size = sum(map(len, body))
        elif environ["REQUEST_METHOD"] == "HEAD":
            size = 0
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        if not path.isascii():
            # PEP 3333 hands the path's bytes as Latin-1 text.
            path = path.encode("latin-1", "replace").decode("utf-8", "replace")
        if path.startswith(TOKEN_PATH_STARTS):
            path = TOKEN_PATHS.sub(r"\1…", path)
        # One write of a line stays whole between workers while it is short.
        path = path[:PATH_MAX_CHARACTERS]
        query = self.query(environ.get("QUERY_STRING", ""))[:QUERY_MAX_CHARACTERS]
        # Written out rather than with json.dumps(), which takes twice as long as the rest;
        # the texts from the request go through json's own escaping.
        return (
            f'{{"time": "{self.now()}", "method": {quoted(environ["REQUEST_METHOD"])}, '
            f'"path": {quoted(path)}, "query": {quoted(query)}, "status": {int(status[:3])}, '
            f'"duration_ms": {round(duration * 1000, 2)}, '
            f'"bytes": {"null" if size is None else size}, '
            f'"cache": {"null" if cache is None else quoted(cache)}}}'
        )

    def now(self) -> str:
        """The time in ISO 8601 (UTC, milliseconds), its seconds formatted once a second."""
        now = time.time()
        second, text = self._second
        if int(now) != second:
            second = int(now)
            text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
            self._second = second, text
        return f"{text}.{int((now - second) * 1000):03d}Z"

    def query(self, query: str) -> str:
        """The query string, the values of personal parameters left out."""
        if not any(name in query for name in self.personal):
            return query
        pairs = parse_qsl(query, keep_blank_values=True)
        if not any(name in self.personal for name, _value in pairs):
            return query
        return "&".join(
            quote(name) if name in self.personal else f"{quote(name)}={quote(value)}"
            for name, value in pairs
        )


def logged(application):
    """`application`, each of its requests logged as one JSON line when `REQUEST_LOG=json`."""
    return RequestLog(application) if settings.REQUEST_LOG == "json" else application
