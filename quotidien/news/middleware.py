"""The Wagtail site of a page's request, found once per host until something is published."""

from django.http.request import split_domain_port
from wagtail.models import Site
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
        # Wagtail keeps the site it finds on the request; it would ask the database each time.
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = SITES.get(
            (hostname, request.get_port()), lambda: Site._find_for_request(request)
        )
        return None
