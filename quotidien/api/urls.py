"""URLs of the API: version 1 under /api/v1/, and a JSON 404 for anything else under /api/."""

from django.urls import URLPattern, URLResolver, include, path, re_path

from .api import api, index
from .errors import json_method_errors, not_found


def _json_errors(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            if pattern.name == "api-root":
                pattern.callback = index
            pattern.callback = json_method_errors(pattern.callback)
        else:
            _json_errors(pattern.url_patterns)
    return patterns


_patterns, _app_name, _namespace = api.urls

urlpatterns = [
    path("v1/", include((_json_errors(_patterns), _app_name), namespace=_namespace)),
    re_path(r"^.*$", not_found),
]
