"""Template context every public page needs: the masthead's date, the sections of the
header and its menu."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page

from . import queries
from .models import SectionPage


@dataclass(frozen=True)
class NavigationEntry:
    """A top-level section and the sections right under it (Monde: Syrie, Europe…)."""

    section: SectionPage
    subsections: list[SectionPage]


def navigation_entries(request) -> list[NavigationEntry]:
    """The sections' tree as the menus show it, built from the sections already read for
    the request (`queries.section_map`): no query of its own."""
    top = queries.top_level_sections(request)
    below: dict[str, list[SectionPage]] = {section.path: [] for section in top}
    # The map is in tree order, so each section's sub-sections come in the editors' order.
    for path, section in queries.section_map(request).items():
        if (siblings := below.get(path[: -Page.steplen])) is not None:
            siblings.append(section)
    return [NavigationEntry(section, below[section.path]) for section in top]


def navigation(request):
    if request.path.startswith("/admin/"):
        return {}
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        # The masthead's date, in the site's time zone (a cached page never outlives it).
        "today": timezone.localdate(),
        # Built only when a template shows the navigation, then once for all its menus.
        "navigation": SimpleLazyObject(lambda: navigation_entries(request)),
    }
