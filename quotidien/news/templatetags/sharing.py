"""Share links under an article: plain addresses of the services, no third-party script.

``{% load sharing %}{% share_links page %}``. The services and their addresses are data,
in ``news/data/share.toml``.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

from django import template
from django.utils.translation import gettext as _

from quotidien.links import page_url

SERVICES_FILE = Path(__file__).resolve().parent.parent / "data" / "share.toml"

register = template.Library()


@dataclass(frozen=True)
class ShareLink:
    key: str
    name: str
    url: str
    label: str
    new_tab: bool


@cache
def services() -> tuple[dict, ...]:
    """The services of the data file, in its order."""
    with SERVICES_FILE.open("rb") as data:
        return tuple(tomllib.load(data)["service"])


def share_links_for(url: str, title: str) -> list[ShareLink]:
    """The share links of the page at the absolute `url`, headlined `title`."""
    values = {"url": quote(url, safe=""), "title": quote(title, safe="")}
    links = []
    for service in services():
        address = service["url"].format(**values)
        email = address.startswith("mailto:")
        links.append(
            ShareLink(
                key=service["key"],
                name=service["name"],
                url=address,
                label=_("Envoyer par e-mail")
                if email
                else _("Partager sur %(service)s (nouvel onglet)") % {"service": service["name"]},
                # An e-mail opens the reader's mail program, not a page.
                new_tab=not email,
            )
        )
    return links


@register.inclusion_tag("news/includes/share.html", takes_context=True)
def share_links(context, page) -> dict:
    """The share links and the article's address to copy, on its canonical URL."""
    url = page_url(page, context.get("request")) or ""
    return {"url": url, "links": share_links_for(url, page.title) if url else []}
