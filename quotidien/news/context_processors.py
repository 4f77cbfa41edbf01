"""Template context every public page needs: the sections of the header."""

from django.conf import settings

from . import queries


def navigation(request):
    if request.path.startswith("/admin/"):
        return {}
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "navigation_sections": lambda: queries.top_level_sections(request),
    }
