"""The demo newsroom, a live server and Debian's Chromium driven by Playwright."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test import override_settings
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from quotidien.demo.loader import CONTENT_DIR, load_demo
from quotidien.news.models import HomePage
from quotidien.search.indexing import rebuild_index
from tests.renditions import making_renditions

HERE = Path(__file__).resolve().parent
AXE = HERE.parent.parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}
INSTALL_HINT = "`make test` (or `make install-test`) installs Chromium and axe-core."
# A loaded machine may take seconds to answer: actions, navigations and assertions wait
# as long as each other.
WAIT_MS = 30_000
expect.set_options(timeout=WAIT_MS)


def scroll_through(tab: Page) -> None:
    """Scrolls down the page as a reader would, so that lazy pictures load, then back up."""
    tab.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
                window.scrollTo({top: y, behavior: "instant"});
                await new Promise((resolve) => setTimeout(resolve, 30));
            }
        }"""
    )
    tab.wait_for_function("[...document.images].every((img) => img.complete)")
    tab.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")


def demo_content_dir() -> Path:
    """The demo's own articles when they exist, else the few written for these tests."""
    return CONTENT_DIR if any(CONTENT_DIR.glob("articles-*.toml")) else HERE / "content"


@pytest.fixture(scope="session", autouse=True)
def _renditions_as_in_production(_renditions_only_where_asked):
    """Readers see whole pictures: photos get their renditions, as the worker makes them."""
    with making_renditions():
        yield


@pytest.fixture(scope="session")
def django_db_setup(
    _renditions_as_in_production, django_db_setup, django_db_blocker, tmp_path_factory
):
    """The test database with the demo newsroom loaded once, its photos in a temporary dir."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        with django_db_blocker.unblock():
            load_demo(content_dir=demo_content_dir())
        yield


DERIVED_FROM_THE_INDEX = frozenset({"search.word", "search.worddeletion"})


@pytest.fixture(scope="session")
def demo_copy(django_db_setup, django_db_blocker) -> str:
    """The loaded newsroom, serialized before any test runs."""
    with django_db_blocker.unblock():
        objects = json.loads(connection.creation.serialize_db_to_string())
    # The search vocabulary (tens of thousands of rows, put back one by one) is made again
    # by indexing the articles, as the full-text tables are.
    objects = [obj for obj in objects if obj["model"] not in DERIVED_FROM_THE_INDEX]
    # Content types first: restoring a Wagtail page looks up its type, creating it if missing.
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
    return json.dumps(objects)


@pytest.fixture(autouse=True)
def newsroom(live_server, transactional_db, demo_copy) -> None:
    """The demo newsroom in the database the live server reads.

    `live_server` tests are transactional: Django empties the database after each one
    (then recreates content types and permissions), so the newsroom is put back as loaded.
    """
    if not HomePage.objects.exists():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(demo_copy)
        # Rows come back with their ids, PostgreSQL's sequences at 1 after the flush: new
        # rows would take ids already used (nothing to do on SQLite).
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        # The full-text tables are not models: the serialized copy does not hold them.
        rebuild_index()


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing: {CHROMIUM}. {INSTALL_HINT}", pytrace=False)
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an event loop running in this thread; the ORM
        # calls of the tests themselves are still plain synchronous code.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Opens a browser context on the live server, in French; closed after the test."""
    opened: list[BrowserContext] = []

    def open_context(**options) -> BrowserContext:
        context = browser.new_context(base_url=live_server.url, locale="fr-FR", **options)
        context.set_default_timeout(WAIT_MS)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


@pytest.fixture(params=list(VIEWPORTS), ids=lambda width: f"{width}px")
def page(request, new_context) -> Page:
    """A fresh browser tab, as wide as a desktop's or a phone's screen, on the live server."""
    return new_context(viewport=VIEWPORTS[request.param]).new_page()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing: {AXE}. {INSTALL_HINT}", pytrace=False)
    return AXE


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where full-page screenshots go, named by page and width (git-ignored)."""
    folder = HERE / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder
