"""The Content-Security-Policy of each part of the site (django-csp, one policy per path).

Readers' pages run no script and take their styles from static files only, so their
policy allows nothing inline. The back office (Wagtail) and the API docs page (Swagger UI)
are programs of their own: `CONTENT_SECURITY_POLICY_BY_PATH` replaces, for the paths that
start with its keys, the directives it names. A page previewed in the back office is
rendered as at its public address, inside a frame of the back office: its own policy lets
that frame show it.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# Wagtail's preview renders the page through a request of its own ("dummy"), then shows
# the result in a frame of the editor.
PREVIEW = {"frame-ancestors": ["'self'"]}


class PolicyByPathMiddleware(CSPMiddleware):
    """django-csp's middleware, with the directives of `CONTENT_SECURITY_POLICY_BY_PATH`."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.replace is not None:
            return parts
        if getattr(request, "is_dummy", False):
            parts.replace = PREVIEW
            return parts
        by_path = getattr(settings, "CONTENT_SECURITY_POLICY_BY_PATH", {})
        for prefix, directives in by_path.items():
            if request.path_info.startswith(prefix):
                parts.replace = directives
                break
        return parts
