"""The addresses a proxy or a CDN must forget when page version tokens are outdated.

Each address stands for itself and everything under it: "site" outdates every page, so
its address is the root of each site ("https://journal.example/"); "path:/liban/titre/"
outdates that article and its sub-pages, so its address is that path on each site. Other
tokens (search results, subscriptions) outdate no address.
"""

from collections.abc import Iterable

from django.utils.encoding import iri_to_uri
from wagtail.models import Site

from quotidien.pagecache import versions

from .models import MAX_URL_LENGTH

PATH_PREFIX = "path:"


def paths_for(keys: Iterable[str]) -> set[str]:
    """The paths outdated by `keys`, as `request.path` spells them ("/société/")."""
    paths = set()
    for key in keys:
        if key == versions.SITE:
            paths.add("/")
        elif key.startswith(PATH_PREFIX):
            path = key.removeprefix(PATH_PREFIX)
            # Tokens end every path with a slash; a file's ("/sitemap.xml") has none.
            if "." in path.rstrip("/").rpartition("/")[2]:
                path = path.rstrip("/")
            paths.add(path)
    return paths


def addresses_for(keys: Iterable[str]) -> set[str]:
    """The absolute, percent-encoded addresses outdated by `keys`, on every site."""
    paths = paths_for(keys)
    if not paths:
        return set()
    roots = {site.root_url for site in Site.get_site_root_paths()}
    addresses = set()
    for root in roots:
        for path in paths:
            address = iri_to_uri(root + path)
            # No proxy keys an address this long; forgetting the whole site is safe.
            addresses.add(address if len(address) <= MAX_URL_LENGTH else root + "/")
    return addresses
