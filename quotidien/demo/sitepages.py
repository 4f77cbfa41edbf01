"""The demo's own pages (charte des commentaires, mentions légales, contact, à propos)
and the paper's contact address and social links, from content/sitepages.toml.

Like the rest of the demo, loading again creates nothing new and leaves alone what the
newsroom changed since.
"""

import html
import re
import tomllib
from pathlib import Path

from wagtail.models import Site

from quotidien.news.models import HomePage
from quotidien.sitepages.models import InformationPage, PaperSettings
from quotidien.subscriptions.contact import service_contact

CONTENT_FILE = Path(__file__).parent / "content" / "sitepages.toml"


def load_demo_sitepages(*, home: HomePage, path: Path = CONTENT_FILE) -> list[str]:
    """Publish the pages missing under `home` and fill the settings of its site if they are
    empty; returns the slugs of the pages created."""
    content = tomllib.loads(path.read_text(encoding="utf-8"))
    created = []
    for item in content["pages"]:
        if InformationPage.objects.child_of(home).filter(slug=item["slug"]).exists():
            continue
        page = home.add_child(
            instance=InformationPage(
                title=item["title"],
                slug=item["slug"],
                intro=item["intro"],
                body=body_blocks(item["body"]),
            )
        )
        page.save_revision().publish()
        created.append(item["slug"])
    site = Site.objects.get(root_page=home)
    settings = PaperSettings.for_site(site)
    # What the newsroom left empty (a setting added since the demo was loaded, too).
    empty = {name: value.strip() for name, value in content["settings"].items()}
    empty = {name: value for name, value in empty.items() if not getattr(settings, name)}
    if empty:
        for name, value in empty.items():
            setattr(settings, name, value)
        settings.save()
    return created


# « [le formulaire](/droit-de-reponse/) »: a link to a page of the site, once escaped.
_LINK = re.compile(r"\[([^\]]+)\]\((/[^)\s]*)\)")


def _inline(text: str) -> str:
    """`text` escaped, its « [label](/path/) » made links to the site's own pages and its
    « {subscriptions_email} » the Service abonnés' address (one source: the settings)."""
    text = text.replace("{subscriptions_email}", service_contact().email)
    return _LINK.sub(r'<a href="\2">\1</a>', html.escape(text))


def body_blocks(text: str) -> list[tuple[str, str]]:
    """Stream blocks from the light markup: paragraphs, "## " intertitres, "- " lists,
    « [label](/path/) » links to the site's pages."""
    blocks = []
    for chunk in (part.strip() for part in text.strip().split("\n\n")):
        if chunk.startswith("## "):
            blocks.append(("subheading", chunk[3:].strip()))
        elif chunk.startswith("- "):
            items = (line[2:].strip() for line in chunk.splitlines())
            blocks.append(
                (
                    "paragraph",
                    "<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>",
                )
            )
        elif chunk:
            blocks.append(("paragraph", f"<p>{_inline(' '.join(chunk.split()))}</p>"))
    return blocks
