"""Loading the demo newsroom from the TOML files in `content/`.

Pages are found by slug, so loading twice creates nothing new and never
overwrites what an editor changed since.
"""

import html
import re
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from quotidien.french.typography import of_name
from quotidien.ingest.models import AgencyFeed
from quotidien.news import renditions
from quotidien.news.images import NewsImage
from quotidien.news.models import (
    Agency,
    ArticlePage,
    ArticleRelatedLink,
    Author,
    HomePage,
    HomePageTopStory,
    SectionPage,
)
from quotidien.news.newsroom import (
    EDITORS,
    JOURNALISTS,
    MODERATION_LEADS,
    MODERATORS,
    SUBSCRIBER_SERVICE,
    ensure_newsroom,
)
from quotidien.search.indexing import index_articles

from .comments import READER_PASSWORD, load_demo_comments
from .corrections import CONTENT_FILE as CORRECTIONS
from .corrections import load_demo_corrections
from .frontpage import FRONT_PAGE, arrange_front_page, count_demo_readers
from .live import load_demo_live
from .photos import photo_jpeg, portrait_jpeg
from .sitepages import CONTENT_FILE as SITEPAGES
from .sitepages import load_demo_sitepages
from .subscriptions import SUBSCRIBER, load_demo_subscriptions

CONTENT_DIR = Path(__file__).parent / "content"

DEMO_ACCOUNTS = [
    # username, password, group, display name, superuser
    ("admin", "quotidien-admin", None, "Administration", True),
    ("editeur", "quotidien-editeur", EDITORS, "Rita Chidiac", False),
    ("journaliste", "quotidien-journaliste", JOURNALISTS, "Nadia Khoury", False),
    ("moderateur", "quotidien-moderateur", MODERATORS, "Fadi Rizk", False),
    # Puts a classifier version, or the shipped model, back in service.
    ("chef-moderation", "quotidien-chef-moderation", MODERATION_LEADS, "Hala Nassar", False),
    ("abonnements", "quotidien-abonnements", SUBSCRIBER_SERVICE, "Maya Haddad", False),
]
# The author each newsroom account writes as: their new articles start signed by them.
DEMO_BYLINES = {"journaliste": "nadia-khoury"}
# A reader of the demo without a subscription, who comments (see content/comments.toml
# for the others); the subscriber is in subscriptions.py. Their labels say what they show.
DEMO_READER = (
    "lecteur@example.org",
    READER_PASSWORD,
    "lecteur sans abonnement : l’extrait et l’offre des articles abonnés ; connecté, "
    "les articles offerts du mois ({meter})",
    "Samir D.",
)

READ_ALSO = re.compile(r"^\[lire-aussi:\s*(?P<slug>[\w-]+)\s*\]$")
PHOTO = re.compile(r"^\[photo:\s*(?P<caption>[^|\]]+?)\s*\|\s*(?P<credit>[^\]]+?)\s*\]$")


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)
    comments: int = 0
    # What else to try, printed after the logins.
    notes: list[str] = field(default_factory=list)


def read_content(content_dir: Path = CONTENT_DIR) -> tuple[dict, list[dict]]:
    """The newsroom description and every article, from the TOML files."""
    newsroom = tomllib.loads((content_dir / "newsroom.toml").read_text(encoding="utf-8"))
    articles = []
    for path in sorted(content_dir.glob("articles-*.toml")):
        articles += tomllib.loads(path.read_text(encoding="utf-8"))["articles"]
    return newsroom, articles


@transaction.atomic
def load_demo(
    *,
    content_dir: Path = CONTENT_DIR,
    site_name: str = "Quotidien",
    hostname: str | None = None,
    port: int | None = None,
) -> DemoReport:
    """Create the demo newsroom: sections, bylines, photos, articles, front page, accounts,
    subscription plans, subscriber articles and a subscriber; its site at `hostname` and
    `port` when given."""
    report = DemoReport()
    home = ensure_newsroom(site_name=site_name, hostname=hostname, port=port)
    newsroom, articles = read_content(content_dir)
    sections = _load_sections(home, newsroom["sections"], report)
    authors = _load_authors(newsroom["authors"])
    agencies = load_agencies(newsroom["agencies"], sections)
    now = timezone.now()
    new_pages = {}
    for item in articles:
        if ArticlePage.objects.filter(slug=item["slug"]).exists():
            continue
        new_pages[item["slug"]] = _create_article(
            item, sections[item["section"]], authors, agencies, now
        )
        report.created.append(item["slug"])
    by_slug = {page.slug: page for page in ArticlePage.objects.all()}
    for item in articles:
        if item["slug"] in new_pages:
            _publish_article(new_pages[item["slug"]], item, by_slug, now)
    # Publishing indexed them for search before their dates were set.
    index_articles(ids=[page.pk for page in new_pages.values()])
    # The front page as front-page.toml arranges it; a folder without one (the browser
    # tests' few articles) places its `featured` articles.
    if (front_page := content_dir / FRONT_PAGE.name).exists():
        arrange_front_page(home, path=front_page)
        count_demo_readers(home, path=front_page)
    else:
        _place_top_stories(home, articles, by_slug)
    report.accounts = _ensure_accounts()
    report.notes = load_demo_subscriptions(clerk=get_user_model().objects.get(username="admin"))
    report.accounts.append(SUBSCRIBER[:3])
    moderator = get_user_model().objects.get(username="moderateur")
    report.comments = load_demo_comments(path=content_dir / "comments.toml", moderator=moderator)
    if (sitepages := content_dir / SITEPAGES.name).exists():
        report.created += load_demo_sitepages(home=home, path=sitepages)
    # Live coverage, linked from the front page: after the articles it links and the
    # accounts that posted its entries.
    report.created += load_demo_live(content_dir=content_dir)
    if (corrections := content_dir / CORRECTIONS.name).exists():
        editor = get_user_model().objects.get(username="editeur")
        report.created += load_demo_corrections(path=corrections, editor=editor)
    renditions.make_every_missing()  # pictures at once, before any worker runs
    return report


@transaction.atomic
def load_articles(items: list[dict]) -> list[ArticlePage]:
    """Add articles written in the content files' format (see content/README.md) to a
    newsroom the demo has already loaded: its sections, bylines and agencies. Articles
    whose slug exists already are left as they are. Returns the new articles, live and
    indexed for search."""
    home = HomePage.objects.first()
    sections = {page.slug: page for page in SectionPage.objects.descendant_of(home)}
    authors = {author.slug: author for author in Author.objects.all()}
    agencies = {agency.slug: agency for agency in Agency.objects.all()}
    now = timezone.now()
    new_pages = {
        item["slug"]: _create_article(item, sections[item["section"]], authors, agencies, now)
        for item in items
        if not ArticlePage.objects.filter(slug=item["slug"]).exists()
    }
    by_slug = {page.slug: page for page in ArticlePage.objects.all()}
    for item in items:
        if item["slug"] in new_pages:
            _publish_article(new_pages[item["slug"]], item, by_slug, now)
    index_articles(ids=[page.pk for page in new_pages.values()])
    return list(new_pages.values())


def _load_sections(home: HomePage, items: list[dict], report: DemoReport) -> dict:
    sections = {}
    for item in items:
        parent = sections[item["parent"]] if item.get("parent") else home
        section = SectionPage.objects.child_of(parent).filter(slug=item["slug"]).first()
        if section is None:
            section = parent.add_child(
                instance=SectionPage(title=item["title"], slug=item["slug"], intro=item["intro"])
            )
            section.save_revision().publish()
            report.created.append(item["slug"])
        sections[item["slug"]] = section
    return sections


def load_agencies(items: list[dict], sections: dict) -> dict[str, Agency]:
    """The demo's agencies by slug, each with its wire feed filing the wires no mapping
    places in its `default_section`; a feed already there keeps what editors set."""
    agencies = {}
    for item in items:
        agency = Agency.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"], "short_name": item["short_name"]}
        )[0]
        section = sections[item["default_section"]] if item.get("default_section") else None
        AgencyFeed.objects.get_or_create(agency=agency, defaults={"default_section": section})
        agencies[item["slug"]] = agency
    return agencies


def _load_authors(items: list[dict]) -> dict[str, Author]:
    """The demo's authors by slug, each with a biography and a generated portrait.

    An author already there keeps what an editor gave them: only an empty biography or a
    missing portrait is filled in.
    """
    authors = {}
    for item in items:
        author, _created = Author.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "role": item.get("role", ""),
                "bio": item.get("bio", ""),
            },
        )
        missing = {}
        if not author.bio and item.get("bio"):
            missing["bio"] = item["bio"]
        if author.photo_id is None:
            missing["photo"] = NewsImage.objects.create(
                title=f"Portrait {of_name(author.name)}",
                credit=settings.WAGTAIL_SITE_NAME,
                file=ImageFile(BytesIO(portrait_jpeg(author.name)), name=f"{author.slug}.jpg"),
            )
        if missing:
            for name, value in missing.items():
                setattr(author, name, value)
            author.save(update_fields=list(missing))
        authors[author.slug] = author
    return authors


def _photo(name: str, *, title: str, caption: str, credit: str) -> NewsImage:
    image = NewsImage(title=title, caption=caption, credit=credit)
    image.file = ImageFile(BytesIO(photo_jpeg(name)), name=f"{name}.jpg")
    image.save()
    return image


def _create_article(item, section, authors, agencies, now) -> ArticlePage:
    """The article as a draft with its photo and byline; its body comes once all exist."""
    photo = item.get("photo")
    article = ArticlePage(
        title=item["title"],
        slug=item["slug"],
        standfirst=item["standfirst"],
        kicker=item.get("kicker", ""),
        agency=agencies.get(item.get("agency", "")),
        live=False,
        lead_image=_photo(
            item["slug"], title=item["title"], caption=photo["caption"], credit=photo["credit"]
        )
        if photo
        else None,
    )
    section.add_child(instance=article)
    article.authors.set([authors[slug] for slug in item.get("authors", [])])
    article.tags.set(item.get("tags", []))
    return article


def _publish_article(article: ArticlePage, item: dict, by_slug: dict, now) -> None:
    article.body = _body_blocks(item["body"], item["slug"], by_slug)
    for order, slug in enumerate(item.get("related", [])):
        article.related_links.add(ArticleRelatedLink(article=by_slug[slug], sort_order=order))
    article.save_revision().publish()
    published = now - timedelta(hours=item["age_hours"])
    updated = now - timedelta(hours=item.get("updated_hours", item["age_hours"]))
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=published,
        last_published_at=updated,
        latest_revision_created_at=updated,
    )


def _body_blocks(text: str, slug: str, by_slug: dict) -> list[dict]:
    """Stream blocks from the light markup of the content files (see content/README.md)."""
    blocks = []
    for number, chunk in enumerate(part.strip() for part in text.strip().split("\n\n")):
        if not chunk:
            continue
        if chunk.startswith("## "):
            blocks.append(("subheading", chunk[3:].strip()))
        elif chunk.startswith("> "):
            quote, _, speaker = chunk[2:].replace("\n", " ").partition(" — ")
            blocks.append(("quote", {"text": quote.strip(), "attribution": speaker.strip()}))
        elif match := READ_ALSO.match(chunk):
            blocks.append(("read_also", {"article": by_slug[match["slug"]]}))
        elif match := PHOTO.match(chunk):
            photo = _photo(
                f"{slug}-{number}",
                title=match["caption"],
                caption=match["caption"],
                credit=match["credit"],
            )
            blocks.append(("photo", {"image": photo, "caption": ""}))
        else:
            blocks.append(("paragraph", f"<p>{html.escape(' '.join(chunk.split()))}</p>"))
    return blocks


def _place_top_stories(home: HomePage, articles: list[dict], by_slug: dict) -> None:
    if home.top_stories.exists():
        return
    featured = sorted(
        (item for item in articles if item.get("featured")), key=lambda i: i["featured"]
    )
    for order, item in enumerate(featured):
        home.top_stories.add(HomePageTopStory(article=by_slug[item["slug"]], sort_order=order))
    home.save_revision().publish()


def _ensure_accounts() -> list[tuple[str, str, str]]:
    User = get_user_model()
    accounts = []
    for username, password, group, display_name, superuser in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": display_name,
                "email": f"{username}@quotidien.example",
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save()
        if group:
            user.groups.add(Group.objects.get(name=group))
        if (slug := DEMO_BYLINES.get(username)) and not Author.objects.filter(user=user).exists():
            Author.objects.filter(slug=slug, user=None).update(user=user)
        accounts.append((username, password, group or "Administrateurs"))
    email, password, label, display_name = DEMO_READER
    reader, created = User.objects.get_or_create(
        username=email,
        defaults={
            "email": email,
            "display_name": display_name,
            "date_joined": timezone.now() - timedelta(days=200),
        },
    )
    if created:
        reader.set_password(password)
        reader.save()
    accounts.append((email, password, label.format(meter=settings.QUOTIDIEN_METER_PER_MONTH)))
    return accounts
