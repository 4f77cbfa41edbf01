"""The Wagtail site of a page's request, found once per host until something is published."""

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.views import serve

from quotidien.pagecache import reads

SITES = reads.KeptReads("site", 20)


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not serve:
            return None
        # CommonMiddleware checked the host against ALLOWED_HOSTS already: this cannot raise.
        hostname, port = split_domain_port(request.get_host())[0], request.get_port()
        # `Site.find_for_request` would ask the database on each request: it keeps its answer
        # on the request under `_wagtail_site`, which we fill from the kept read instead
        # (pinned by tests/pagecache/test_private_apis.py).
        request._wagtail_site = SITES.get((hostname, port), lambda: _site_for(hostname, port))
        return None


def _site_for(hostname: str, port: str) -> Site | None:
    """Wagtail's choice of site for a host and port, None when no site matches (as Wagtail)."""
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
