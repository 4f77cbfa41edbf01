"""What a reader sees of the demo newsroom in Chromium, on a desktop and on a phone."""

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.utils.html import strip_tags
from playwright.sync_api import Page, expect

from quotidien.comments.models import Comment
from quotidien.demo.loader import DEMO_READER
from quotidien.french.typography import typeset_text
from quotidien.news import queries
from quotidien.news.models import ArticlePage, HomePage
from tests.browser.axe import SERIOUS, axe_violations
from tests.browser.conftest import scroll_through

pytestmark = pytest.mark.browser


@dataclass
class Story:
    """What the page of a fully dressed demo article must show."""

    url: str
    title: str
    kicker: str
    standfirst: str
    caption: str
    credit: str
    subheading: str
    read_also: str
    signers: list[str]
    tags: list[str]


def _story(article: ArticlePage) -> Story | None:
    # The first block of each type.
    blocks = {block.block_type: block.value for block in reversed(list(article.body))}
    photo = article.lead_image
    signers = [author.name for author in article.authors.all()]
    signers += [article.agency.short_name] if article.agency else []
    tags = [tag.name for tag in article.tags.all()]
    read_also = blocks.get("read_also", {}).get("article")
    if not (photo and photo.caption and photo.credit and "subheading" in blocks and tags):
        return None
    if not (read_also and read_also.live and signers):
        return None
    queries.attach_sections([article], queries.section_map())
    return Story(
        url=article.url,
        title=article.title,
        kicker=article.kicker_text,
        standfirst=article.standfirst,
        caption=photo.caption,
        credit=photo.credit,
        subheading=blocks["subheading"],
        read_also=read_also.title,
        signers=signers,
        tags=tags,
    )


@pytest.fixture
def story() -> Story:
    """The first top story with every part of an article page, else any such article."""
    home = HomePage.objects.get()
    top = [link.article for link in home.top_stories.order_by("sort_order")]
    others = ArticlePage.objects.live().order_by("-first_published_at")
    for article in [*top, *others]:
        if article.live and (found := _story(article)):
            return found
    pytest.fail("No demo article has a photo, an intertitre, a « Lire aussi » and tags.")


def as_shown(text: str) -> str:
    """`text` as a reader reads it on the page: set in French typography (’ for ', …)."""
    return unescape(strip_tags(typeset_text(text)))


def show(page: Page, path: str, name: str, screenshots: Path) -> None:
    """Open `path` like a reader scrolling down it, and keep a full-page screenshot."""
    page.goto(path)
    scroll_through(page)
    width = page.viewport_size["width"]
    page.screenshot(path=screenshots / f"{name}-{width}.png", full_page=True)


def expect_photo_shown(photo) -> None:
    expect(photo).to_be_visible()
    assert photo.evaluate("(img) => img.naturalWidth") > 0, "the photo did not load"


def expect_header_and_footer(page: Page) -> None:
    search = page.get_by_role("search")
    expect(search.get_by_role("searchbox", name="Rechercher")).to_be_visible()
    expect(search.get_by_role("button", name="Rechercher")).to_be_visible()
    expect(page.get_by_role("link", name="Retour en haut")).to_be_visible()


def test_front_page_shows_top_stories_and_section_fronts(page, screenshots):
    front = queries.front_page(HomePage.objects.get())
    top_stories, fronts = front["top_stories"], front["section_fronts"]

    assert top_stories, "the demo should place articles on the front page"

    show(page, "/", "accueil", screenshots)

    expect_header_and_footer(page)
    expect(page.get_by_role("heading", level=2, name="À la une", exact=True)).to_be_visible()
    lead = page.locator(".card--lead")
    expect(lead.get_by_role("heading", level=3, name=top_stories[0].title)).to_be_visible()
    if top_stories[0].lead_image:
        expect_photo_shown(lead.locator("img"))
    assert fronts, "the demo should fill at least one section of the front page"
    for section, articles in fronts:
        front = page.get_by_role("region", name=section.title, exact=True)
        expect(front.get_by_role("heading", level=2, name=section.title)).to_be_visible()
        expect(front.get_by_role("heading", level=3)).to_have_count(len(articles))


def test_article_page_shows_the_whole_story(page, story, screenshots):
    show(page, story.url, "article", screenshots)

    expect_header_and_footer(page)
    article = page.get_by_role("article").first
    expect(article.locator(".kicker")).to_have_text(story.kicker)
    expect(page.get_by_role("heading", level=1)).to_have_text(as_shown(story.title))
    expect(article.get_by_text(story.standfirst)).to_be_visible()
    lead_photo = article.locator("figure").first
    expect_photo_shown(lead_photo.get_by_role("img"))
    expect(lead_photo.locator("figcaption")).to_contain_text(story.caption)
    expect(lead_photo.locator("figcaption")).to_contain_text(story.credit)
    expect(article.get_by_role("heading", level=2, name=story.subheading).first).to_be_visible()
    inline = article.get_by_text(re.compile(r"^\(Lire aussi : .+\)$"))
    expect(inline.first).to_be_visible()
    expect(inline.first.get_by_role("link", name=story.read_also)).to_be_visible()
    byline = article.get_by_text(re.compile(r"^Par "))
    for signer in story.signers:
        expect(byline).to_contain_text(signer)
    expect(article.get_by_text("Publié le")).to_be_visible()
    for tag in story.tags:
        expect(article.get_by_role("link", name=tag, exact=True)).to_be_visible()
    read_also = page.get_by_role("complementary", name="Lire aussi")
    expect(read_also).to_be_visible()
    related = read_also.get_by_role("heading", level=3).get_by_role("link")
    assert 1 <= related.count() <= 3
    for link in related.all():
        expect(link).to_be_visible()


@pytest.mark.parametrize("where", ["accueil", "article"])
def test_pages_have_no_serious_accessibility_violations(page, where, story, axe_script):
    # Loaded as the page opens, by the browser itself: the site's policy allows no inline
    # script, which is what a script tag added to the page would be.
    page.add_init_script(path=axe_script)
    page.goto("/" if where == "accueil" else story.url)

    assert axe_violations(page, impacts=SERIOUS) == [], where


@pytest.mark.parametrize("page", [390], ids=["390px"], indirect=True)
@pytest.mark.parametrize("where", ["accueil", "article"])
def test_pages_fit_a_phone_screen_without_sideways_scrolling(page, where, story, screenshots):
    show(page, "/" if where == "accueil" else story.url, where, screenshots)

    too_wide = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)"""
    )
    fits = page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert fits, f"wider than the screen: {too_wide[:10]}"


@pytest.mark.parametrize("page", [1280], ids=["1280px"], indirect=True)
def test_header_search_finds_a_demo_article(page, story):
    word = max(re.findall(r"\w+", story.title), key=len)
    page.goto("/")

    box = page.get_by_role("search").get_by_role("searchbox", name="Rechercher")
    box.fill(word)
    box.press("Enter")

    expect(page).to_have_url(re.compile(re.escape("/recherche/?" + urlencode({"q": word})) + "$"))
    expect(page.get_by_role("heading", level=1, name="Rechercher")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name=story.title)).to_be_visible()


# Chromium tells the page of each thing its Content-Security-Policy blocks.
WATCH_CSP = """window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI || "inline"} ${event.sourceFile}`
));"""


@pytest.mark.parametrize("page", [1280], ids=["1280px"], indirect=True)
def test_pages_run_under_their_content_security_policy_without_violations(page, story):
    """Readers' pages (inline JSON-LD included), the back office and the API docs."""
    comment = Comment.objects.filter(status="published", article__live=True).first()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    page.add_init_script(WATCH_CSP)
    email, password, *_ = DEMO_READER
    blocked: dict[str, list[str]] = {}

    def visit(path: str, ready) -> None:
        page.goto(path)
        expect(ready(page)).to_be_visible()
        if found := page.evaluate("window.cspViolations"):
            blocked[path] = found

    visit("/compte/connexion/", lambda tab: tab.get_by_role("button", name="Se connecter"))
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    # Logged in: the masthead folds "Se déconnecter" into the menu under the reader's name.
    expect(
        page.get_by_role("button", name="Se déconnecter", include_hidden=True).first
    ).to_be_attached()
    visit(story.url, lambda tab: tab.get_by_label("Votre commentaire"))
    visit(comment.article.url + "commentaires/", lambda tab: tab.get_by_label("Votre commentaire"))
    visit(
        f"/commentaires/{comment.pk}/signaler/",
        lambda tab: tab.get_by_role("button", name="Signaler"),
    )
    visit("/recherche/?q=Liban", lambda tab: tab.get_by_role("heading", level=1))
    visit("/api/v1/docs", lambda tab: tab.locator(".swagger-ui .info .title"))
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    if found := page.evaluate("window.cspViolations"):
        blocked["/api/v1/docs"] = found
    page.context.clear_cookies()
    visit("/admin/login/", lambda tab: tab.locator("#id_username"))
    page.locator("#id_username").fill("editeur")
    page.locator("#id_password").fill("quotidien-editeur")
    page.locator("button[type=submit]").click()
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    visit(f"/admin/pages/{comment.article_id}/edit/", lambda tab: tab.locator("#id_title"))
    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(as_shown(comment.article.title))
    if found := page.evaluate("window.cspViolations"):
        blocked["preview"] = found
    # The editor's page goes on asking the server (its preview, its checks) in the
    # background: leave it once quiet, so that no request still writes to the database when
    # the test empties it.
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")

    refused = [text for text in errors if "Content Security Policy" in text]
    assert not blocked and not refused, f"{blocked}\n{refused}"


@pytest.mark.parametrize("page", [390], ids=["390px"], indirect=True)
def test_on_a_phone_the_lead_headline_is_the_largest_even_without_a_photo(page):
    from quotidien.news.models import HomePageTopStory
    from quotidien.pagecache import versions

    lead = HomePageTopStory.objects.order_by("sort_order").first().article
    ArticlePage.objects.filter(pk=lead.pk).update(lead_image=None)
    versions.outdate_site()
    page.goto("/")

    sizes = page.evaluate(
        """() => [...document.querySelectorAll(".front .card__title")].map(
            (title) => [title.closest(".card--lead") !== null,
                        parseFloat(getComputedStyle(title).fontSize)])"""
    )
    [lead_size] = [size for is_lead, size in sizes if is_lead]
    assert lead_size > max(size for is_lead, size in sizes if not is_lead)
