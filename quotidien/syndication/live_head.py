"""What the head of a live page tells search engines and social networks.

schema.org `LiveBlogPosting` (as Google reads live coverage): the coverage's start and,
once closed, its end; the entries the page shows as `liveBlogUpdate`s (`BlogPosting`);
breadcrumbs; Open Graph and Twitter card tags as an article's. One query of its own, shared
with the page's corrections (a correction changes `dateModified`): the entries, authors and
sections come from the page's context.
"""

from django.utils.text import Truncator

from quotidien.corrections.queries import last_corrected_at
from quotidien.links import page_url, public_url
from quotidien.live.models import LiveEntry, LivePage
from quotidien.live.queries import newest_post

from .meta import (
    Head,
    breadcrumbs,
    home_trail,
    image_object,
    iso,
    lead_photo,
    open_graph_tags,
    person,
    publisher,
)

# Google shows at most this many characters of a headline.
HEADLINE_LENGTH = 110


def blog_posting(entry: LiveEntry, url: str) -> dict:
    """One entry as a schema.org BlogPosting."""
    text = entry.text()
    posting = {
        "@type": "BlogPosting",
        "@id": f"{url}#{entry.anchor}",
        "url": f"{url}#{entry.anchor}",
        "headline": Truncator(entry.title or text).chars(HEADLINE_LENGTH),
        "articleBody": text,
        "datePublished": iso(entry.posted_at),
        "dateModified": iso(entry.updated_at),
    }
    if photo := entry.photo():
        posting["image"] = public_url(photo.file.url)
    return posting


def live_head(page: LivePage, context) -> Head:
    """Canonical, description, Open Graph, Twitter card, LiveBlogPosting and breadcrumbs."""
    request = context.get("request")
    url = page_url(page, request) or ""
    listing = context.get("listing")
    canonical = f"{url}?page={listing.number}" if listing and listing.number > 1 else url
    authors = context.get("authors") or []
    entries = [*context.get("pinned_entries", []), *context.get("entries", [])]
    newest = newest_post(entries)
    corrected = last_corrected_at(page, request)
    modified = max(filter(None, [newest, page.last_published_at, corrected]), default=None)
    photo = lead_photo(page)
    title = page.seo_title or page.title
    description = page.search_description or page.standfirst
    head = Head(description=description, canonical=canonical)
    open_graph_tags(head, title=title, url=canonical, og_type="article")
    head.properties += [
        ("article:published_time", iso(page.first_published_at)),
        ("article:modified_time", iso(modified)),
    ]
    head.names.insert(0, ("twitter:card", "summary_large_image" if photo else "summary"))
    if photo:
        head.properties += [("og:image", photo["url"]), ("og:image:alt", photo["alt"])]
        head.names += [("twitter:image", photo["url"])]

    posting = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": url,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": page.title,
        "description": page.standfirst,
        "datePublished": iso(page.first_published_at),
        "dateModified": iso(modified),
        "author": [person(author) for author in authors] or [publisher()],
        "publisher": publisher(),
        "inLanguage": "fr",
        "isAccessibleForFree": True,
        "liveBlogUpdate": [blog_posting(entry, url) for entry in entries],
    }
    if page.coverage_start:
        posting["coverageStartTime"] = iso(page.coverage_start)
    if page.coverage_ended_at:
        posting["coverageEndTime"] = iso(page.coverage_ended_at)
    if photo:
        posting["image"] = [image_object(photo)]
    trail = getattr(page, "section_trail", [])
    crumbs = home_trail()
    crumbs += [(section.title, page_url(section, request)) for section in trail]
    head.json_ld = [posting, breadcrumbs([*crumbs, (page.title, url)])]
    return head
