"""What the footer of every page shows: the paper's own pages and how to reach it.

Read once per site and kept in each process until something is published, moved or
deleted, or the settings change (see signal_handlers): a page served from the kept read
costs no query for its footer.
"""

from dataclasses import dataclass

from wagtail.models import Site

from quotidien.pagecache import reads

from .models import InformationPage, PaperSettings

FOOTERS = reads.KeptReads("footer", 20)


@dataclass(frozen=True)
class FooterLink:
    title: str
    url: str


@dataclass(frozen=True)
class Footer:
    pages: list[FooterLink]
    contact_email: str
    social_links: list[tuple[str, str]]


def footer_for(request) -> Footer:
    """The footer of the site `request` is for, kept per host."""
    return FOOTERS.get(request.get_host(), lambda: read_footer(request), request=request)


def read_footer(request) -> Footer:
    """The footer read from the database: the live pages marked for it, in the tree's order."""
    site = Site.find_for_request(request)
    if site is None:
        return Footer(pages=[], contact_email="", social_links=[])
    pages = (
        InformationPage.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(show_in_footer=True)
        .order_by("path")
    )
    settings = PaperSettings.read(site)
    return Footer(
        pages=[FooterLink(page.title, page.get_url(request)) for page in pages],
        contact_email=settings.contact_email,
        social_links=settings.social_links(),
    )
