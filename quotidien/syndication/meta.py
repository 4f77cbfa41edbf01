"""What the head of a page tells search engines and social networks about it.

`head_for()` builds, from what the page's context already holds, the meta
description, the canonical URL, Open Graph and Twitter card tags and the
schema.org JSON-LD: `NewsArticle` and `BreadcrumbList` on an article,
`CollectionPage` and `BreadcrumbList` on a section, `WebSite` and the
publisher (`NewsMediaOrganization`) on the front page, `ProfilePage` on an
author's page; authors are `Person`s linked to their page. It runs no query of its
own on an article: authors, tags and sections come from the page's context,
the lead photo and its rendition are the ones the page shows; its corrections, which
make its `dateModified`, are read once for the head and the page. A subscriber article says
so (`isAccessibleForFree`, `hasPart`), and no field holds its body.
"""

import json
import mimetypes
from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from quotidien.corrections.queries import modified_at
from quotidien.french.typography import of_name, typeset_plain
from quotidien.links import author_url, page_url, public_url
from quotidien.live.models import LivePage
from quotidien.news import renditions
from quotidien.news.images import LEAD_SPEC
from quotidien.news.models import ArticlePage, Author, HomePage, SectionPage

from .text import byline_text

LOGO_PATH = "img/logo.png"
LOGO_SIZE = (600, 150)
OG_LOCALE = "fr_FR"
# Escapes that keep a JSON document from closing its <script> element (as Django's json_script).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass
class Head:
    """The page's markup for machines, ready for the `syndication/page_meta.html` partial."""

    description: str = ""
    canonical: str = ""
    properties: list[tuple[str, str]] = field(default_factory=list)  # Open Graph
    names: list[tuple[str, str]] = field(default_factory=list)  # Twitter card, author
    json_ld: list[dict] = field(default_factory=list)


# The part of a subscriber article's page behind the paywall, as its template marks it: the
# offer box in place of the rest for a reader without access, the whole body for the others.
LOCKED_SELECTOR = ".article__locked"


def is_accessible_for_free(article: ArticlePage) -> bool:
    """Whether a reader without a subscription may read the whole article."""
    return not article.for_subscribers


def locked_part() -> dict:
    """The paywalled part of a subscriber article's page, as Google asks it be named, so
    that a crawler finding less text than a subscriber does not take the page for cloaking."""
    return {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": LOCKED_SELECTOR}


def json_for_script(data) -> str:
    """`data` as JSON safe inside a <script> element: no "</script>" can close it early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(
        JSON_SCRIPT_ESCAPES
    )


def iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def publisher() -> dict:
    """The paper as a schema.org publisher, with its logo."""
    width, height = LOGO_SIZE
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": public_url("/"),
        "logo": {
            "@type": "ImageObject",
            "url": public_url(static(LOGO_PATH)),
            "width": width,
            "height": height,
        },
    }


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """A schema.org BreadcrumbList of (name, URL) pairs, outermost first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def lead_photo(article: ArticlePage) -> dict | None:
    """The article's lead photo at the size the page shows it, with its dimensions."""
    image = article.lead_image
    if image is None:
        return None
    # Made by the worker, never on a reader's request: until then, the photo as uploaded.
    rendition = renditions.existing(image, [LEAD_SPEC]).get(LEAD_SPEC) or image
    return {
        "url": public_url(rendition.file.url),
        "width": rendition.width,
        "height": rendition.height,
        "type": mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg",
        "alt": image.caption or image.default_alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "file": rendition.file,
    }


def image_object(photo: dict) -> dict:
    """A photo as `lead_photo` gives it, as a schema.org ImageObject."""
    return {
        "@type": "ImageObject",
        "url": photo["url"],
        "width": photo["width"],
        "height": photo["height"],
        "caption": photo["caption"],
        "creditText": photo["credit"],
    }


def person(author: Author) -> dict:
    """An author as a schema.org Person: name, page, role and portrait when they have one.

    The portrait is the photo as uploaded: a rendition may not be made yet.
    """
    data = {"@type": "Person", "name": author.name, "url": author_url(author)}
    if author.role:
        data["jobTitle"] = author.role
    if author.photo_id:
        data["image"] = public_url(author.photo.file.url)
    return data


def _title(page: Page) -> str:
    return page.seo_title or page.title


def open_graph_tags(head: Head, *, title: str, url: str, og_type: str) -> None:
    """The Open Graph and Twitter card tags every page of the paper has, their title in
    French typography as the page shows it (« s’affiche », a narrow space before « : »)."""
    title = typeset_plain(title)
    head.properties += [
        ("og:site_name", settings.WAGTAIL_SITE_NAME),
        ("og:locale", OG_LOCALE),
        ("og:type", og_type),
        ("og:title", title),
        ("og:description", head.description),
        ("og:url", url),
    ]
    head.names += [("twitter:title", title), ("twitter:description", head.description)]


def home_trail() -> list[tuple[str, str]]:
    """The first crumb of every breadcrumb trail: the front page."""
    return [(_("Accueil"), public_url("/"))]


def article_head(article: ArticlePage, context) -> Head:
    """Canonical, description, Open Graph, Twitter card, NewsArticle and breadcrumbs."""
    request = context.get("request")
    url = page_url(article, request) or ""
    authors = context.get("authors")
    if authors is None:
        authors = list(article.authors.select_related("photo"))
    tags = [tag.name for tag in context.get("tags") or []]
    trail = getattr(article, "section_trail", [])
    section = trail[-1].title if trail else ""
    photo = lead_photo(article)
    modified = iso(modified_at(article, request))
    head = Head(description=article.search_description or article.standfirst, canonical=url)
    open_graph_tags(head, title=_title(article), url=url, og_type="article")
    if photo:
        head.properties += [
            ("og:image", photo["url"]),
            ("og:image:type", photo["type"]),
            ("og:image:width", str(photo["width"])),
            ("og:image:height", str(photo["height"])),
            ("og:image:alt", photo["alt"]),
        ]
        head.names += [("twitter:image", photo["url"]), ("twitter:image:alt", photo["alt"])]
    head.names.insert(0, ("twitter:card", "summary_large_image" if photo else "summary"))
    head.properties += [
        ("article:published_time", iso(article.first_published_at)),
        ("article:modified_time", modified),
    ]
    if section:
        head.properties.append(("article:section", section))
    head.properties += [("article:tag", tag) for tag in tags]
    if signed := byline_text(authors, article.agency):
        head.names.append(("author", signed))

    people = [person(author) for author in authors]
    if article.agency:
        people.append({"@type": "Organization", "name": article.agency.name})
    news_article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": article.standfirst,
        "datePublished": iso(article.first_published_at),
        # A correction at the end of the article changes it for its readers too.
        "dateModified": modified,
        "author": people or [publisher()],
        "publisher": publisher(),
        "inLanguage": "fr",
        "isAccessibleForFree": is_accessible_for_free(article),
    }
    # Never `articleBody` nor any text of the body: the head is the same for every reader
    # (and every crawler: nothing here looks at the user agent), those without access too.
    if not news_article["isAccessibleForFree"]:
        news_article["hasPart"] = locked_part()
    if photo:
        news_article["image"] = [image_object(photo)]
    if section:
        news_article["articleSection"] = section
    if tags:
        news_article["keywords"] = tags
    crumbs = home_trail() + [(parent.title, page_url(parent, request)) for parent in trail]
    head.json_ld = [news_article, breadcrumbs([*crumbs, (article.title, url)])]
    return head


def section_head(section: SectionPage, context) -> Head:
    """A section front: CollectionPage and breadcrumbs; later pages are their own canonical."""
    request = context.get("request")
    url = page_url(section, request) or ""
    listing = context.get("listing")
    if listing is not None and listing.number > 1:
        url = f"{url}?page={listing.number}"
    description = (
        section.search_description
        or section.intro
        or _("Les articles de la rubrique %(section)s de %(site)s.")
        % {"section": section.title, "site": settings.WAGTAIL_SITE_NAME}
    )
    head = Head(description=description, canonical=url)
    open_graph_tags(head, title=_title(section), url=url, og_type="website")
    head.names.insert(0, ("twitter:card", "summary"))
    trail = home_trail() + [
        (parent.title, page_url(parent, request)) for parent in context.get("section_trail", [])
    ]
    head.json_ld = [
        {
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": section.title,
            "description": description,
            "url": url,
            "inLanguage": "fr",
            "isPartOf": {"@type": "WebSite", "name": settings.WAGTAIL_SITE_NAME},
            "publisher": publisher(),
        },
        breadcrumbs([*trail, (section.title, page_url(section, request))]),
    ]
    return head


def home_head(home: HomePage, context) -> Head:
    """The front page: the site (with its search) and the paper as an organisation."""
    url = public_url("/")
    description = home.search_description or _(
        "L’actualité du Liban et du monde, par la rédaction de %(site)s."
    ) % {"site": settings.WAGTAIL_SITE_NAME}
    head = Head(description=description, canonical=url)
    open_graph_tags(head, title=settings.WAGTAIL_SITE_NAME, url=url, og_type="website")
    logo = publisher()["logo"]
    head.properties += [
        ("og:image", logo["url"]),
        ("og:image:type", "image/png"),
        ("og:image:width", str(logo["width"])),
        ("og:image:height", str(logo["height"])),
        ("og:image:alt", settings.WAGTAIL_SITE_NAME),
    ]
    head.names.insert(0, ("twitter:card", "summary"))
    head.json_ld = [
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": url,
            "inLanguage": "fr",
            "description": description,
            "potentialAction": {
                "@type": "SearchAction",
                "target": public_url(reverse("search")) + "?q={search_term_string}",
                "query-input": "required name=search_term_string",
            },
        },
        {"@context": "https://schema.org", **publisher()},
    ]
    return head


def author_head(author: Author, context) -> Head:
    """An author's page: a ProfilePage about the Person, and breadcrumbs through the authors'
    index; later pages of their articles are their own canonical."""
    url = author_url(author)
    listing = context.get("listing")
    if listing is not None and listing.number > 1:
        url = f"{url}?page={listing.number}"
    description = author.bio or _("Les articles %(of_author)s dans %(site)s.") % {
        "of_author": of_name(author.name),
        "site": settings.WAGTAIL_SITE_NAME,
    }
    head = Head(description=" ".join(description.split()), canonical=url)
    open_graph_tags(head, title=author.name, url=url, og_type="profile")
    head.names.insert(0, ("twitter:card", "summary"))
    if author.photo_id:
        head.properties.append(("og:image", public_url(author.photo.file.url)))
    head.json_ld = [
        {
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "url": url,
            "inLanguage": "fr",
            "mainEntity": person(author),
            "isPartOf": {"@type": "WebSite", "name": settings.WAGTAIL_SITE_NAME},
        },
        breadcrumbs(
            [
                *home_trail(),
                (_("Auteurs"), public_url(reverse("authors"))),
                (author.name, author_url(author)),
            ]
        ),
    ]
    return head


def head_for(page: Page | None, context) -> Head | None:
    """The head markup of `page` in its template context, or None for pages without one.

    An author's page is no Wagtail page: its context's `author` says what it shows.
    """
    if page is None and isinstance(author := context.get("author"), Author):
        head = author_head(author, context)
    elif isinstance(page, ArticlePage):
        head = article_head(page, context)
    elif isinstance(page, SectionPage):
        head = section_head(page, context)
    elif isinstance(page, HomePage):
        head = home_head(page, context)
    elif isinstance(page, LivePage):
        from .live_head import live_head  # which builds on this module

        head = live_head(page, context)
    elif isinstance(page, Page):
        url = page_url(page, context.get("request")) or ""
        head = Head(description=page.search_description, canonical=url)
    else:
        return None
    # A page never published (a preview) has no date yet, and may have no URL.
    head.properties = [(name, value) for name, value in head.properties if value]
    head.names = [(name, value) for name, value in head.names if value]
    return head
