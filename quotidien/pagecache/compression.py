"""Compressed answers for text: pages, feeds and the API's JSON, never photos or fonts.

Django's GZipMiddleware compresses whatever it is given; photos, fonts and WhiteNoise's
own precompressed files gain nothing from it and cost the CPU a compression each time.
Pages from the page cache are compressed once, when they are stored (see pages.py).
"""

import gzip
import re

from django.middleware.gzip import GZipMiddleware

# Below this, the gzip header and a round of compression cost more than they save.
SMALLEST = 200
COMPRESSIBLE_TYPES = frozenset(
    {
        "application/atom+xml",
        "application/javascript",
        "application/json",
        "application/ld+json",
        "application/manifest+json",
        "application/rss+xml",
        "application/xml",
        "image/svg+xml",
    }
)
_GZIP = re.compile(r"\bgzip\b")


def compressible(content_type: str) -> bool:
    """Whether a response of `content_type` is text worth compressing."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type.startswith("text/") or media_type in COMPRESSIBLE_TYPES


def accepts_gzip(meta: dict) -> bool:
    """Whether the request in `meta` (a WSGI environ) takes gzip-encoded answers."""
    return bool(_GZIP.search(meta.get("HTTP_ACCEPT_ENCODING", "")))


def gzipped(content: bytes) -> bytes:
    """`content` compressed as a stored page's gzip variant: once, so at a high level, and
    with a fixed timestamp, so that the same page gives the same bytes on every server."""
    return gzip.compress(content, compresslevel=9, mtime=0)


class TextCompressionMiddleware(GZipMiddleware):
    """Django's gzip compression, for text responses only."""

    def process_response(self, request, response):
        if not compressible(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
