"""How each kind of proxy or CDN is told to forget an address and everything under it.

Varnish, with the VCL this repository ships, takes `PURGE /liban/titre/` as "that page and
everything under it, on that host", so the address goes as it is. CloudFront takes a
trailing `*` as a wildcard. Cloudflare purges exact addresses only: it gets the address
and the sub-pages it is cheap to name; the other pages under it, and for the site's root
every page of the site, are only refreshed after PAGE_CACHE_CDN_SECONDS, the time the
pages let a CDN keep them.
"""

from urllib.parse import urlsplit

from wagtail.contrib.frontend_cache.backends import CloudflareBackend, CloudfrontBackend

# The sub-pages an article or a live page may have (comments, a live page's entries).
SUB_PAGES = ("commentaires/", "entrees/")


def as_prefix(address: str) -> list[str]:
    return [address]


def with_wildcard(address: str) -> list[str]:
    return [address + "*"] if address.endswith("/") else [address]


def with_sub_pages(address: str) -> list[str]:
    if not address.endswith("/") or urlsplit(address).path == "/":  # a file, a site's root
        return [address]
    return [address, *(address + sub_page for sub_page in SUB_PAGES)]


# The first class a backend is an instance of gives its shape; any other takes prefixes,
# as Wagtail's HTTPBackend does in front of the shipped VCL.
SHAPES = [
    (CloudfrontBackend, with_wildcard),
    (CloudflareBackend, with_sub_pages),
]


def shaped(backend, addresses: list[str]) -> list[str]:
    """What `backend` is sent to forget `addresses` and the pages under them."""
    shape = next((shape for cls, shape in SHAPES if isinstance(backend, cls)), as_prefix)
    return [url for address in addresses for url in shape(address)]
