"""The demo's own pages (charte des commentaires, mentions légales, contact, à propos)
and the paper's contact address and social links, from content/sitepages.toml.

Like the rest of the demo, loading again creates nothing new and leaves alone what the
newsroom changed since.
"""

import html
import tomllib
from pathlib import Path

from wagtail.models import Site

from quotidien.news.models import HomePage
from quotidien.sitepages.models import InformationPage, PaperSettings

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
    if not settings.contact_email:
        for name, value in content["settings"].items():
            setattr(settings, name, value)
        settings.save()
    return created


def body_blocks(text: str) -> list[tuple[str, str]]:
    """Stream blocks from the light markup: paragraphs, "## " intertitres, "- " lists."""
    blocks = []
    for chunk in (part.strip() for part in text.strip().split("\n\n")):
        if chunk.startswith("## "):
            blocks.append(("subheading", chunk[3:].strip()))
        elif chunk.startswith("- "):
            items = (line[2:].strip() for line in chunk.splitlines())
            blocks.append(
                (
                    "paragraph",
                    "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>",
                )
            )
        elif chunk:
            blocks.append(("paragraph", f"<p>{html.escape(' '.join(chunk.split()))}</p>"))
    return blocks
