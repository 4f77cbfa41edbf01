"""Fixtures shared by the whole suite: a newsroom and a way to write articles."""

import time
from datetime import timedelta
from itertools import count

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Site

from quotidien.audience import counting
from quotidien.comments.models import Comment
from quotidien.news.models import HomePage, SectionPage
from quotidien.news.newsroom import (
    EDITORS,
    JOURNALISTS,
    MODERATORS,
    SUBSCRIBER_SERVICE,
    ensure_newsroom,
)
from quotidien.pagecache import personal, reads, versions
from quotidien.ratelimits import limits
from tests.entities.switch import extracting, not_extracting
from tests.own_sites import _migrated_site, own_site  # noqa: F401 (fixtures)
from tests.pages import add_article, add_section
from tests.renditions import making_renditions, no_renditions

# Fixtures through which a test reaches the database, its own or a module's.
DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def _uses_the_database(item) -> bool:
    return bool(item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames))


def _starts_processes(item) -> bool:
    """Whether the test's module starts other processes, which may reach the database."""
    return "subprocess" in vars(item.module)


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL run skips what it would only repeat of the SQLite run:

    - tests marked `own_database`, which serve a site from a SQLite file of their own;
    - tests marked `html_checker`, which only check rendered pages with the Nu Html Checker:
      a page's markup comes from its templates, the same whatever the database, and each
      run of the checker starts a Java machine;
    - tests marked `no_database`, whose processes read settings or import modules and never
      open a database;
    - tests that never reach the database: no `django_db` mark, no fixture that opens it
      (pytest-django refuses them any query) and no other process started by their module.
      Text functions, the classifier, parsers and the like give the same on both.
    """
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        return
    own_database = pytest.mark.skip(
        reason="servi depuis sa propre base SQLite : vérifié par la passe SQLite"
    )
    database_free = pytest.mark.skip(
        reason="n’interroge aucune base de données : vérifié par la passe SQLite"
    )
    same_markup = pytest.mark.skip(
        reason="le même HTML sur toute base de données : vérifié par la passe SQLite"
    )
    for item in items:
        if item.get_closest_marker("own_database"):
            item.add_marker(own_database)
        elif item.get_closest_marker("html_checker"):
            item.add_marker(same_markup)
        elif item.get_closest_marker("no_database"):
            item.add_marker(database_free)
        elif not _uses_the_database(item) and not _starts_processes(item):
            item.add_marker(database_free)


def kept_from_first_rendering(caches: dict) -> dict:
    """`caches` with every process memory of pages keeping a page at its first rendering."""
    return {
        alias: {**config, "OPTIONS": {**config.get("OPTIONS", {}), "MIN_USES": 1}}
        if config["BACKEND"].endswith(".ProcessMemoryCache")
        else config
        for alias, config in caches.items()
    }


@pytest.fixture(scope="session", autouse=True)
def _scratch_files(tmp_path_factory):
    """Uploads go to a scratch folder; templates find static files without a manifest."""
    scratch = tmp_path_factory.mktemp("var")
    (scratch / "static").mkdir()
    with override_settings(
        # Tests read what the database holds; tests/pagecache turns the page cache on.
        PAGE_CACHE=False,
        # Slow hashing protects real passwords; test accounts need none of it.
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.MD5PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ],
        MEDIA_ROOT=scratch / "media",
        # Tests read a page once and expect it kept: each process's page memory keeps a
        # page from its first rendering here. tests/pagecache/test_admission.py checks the
        # rule production keeps (PAGE_CACHE_MIN_USES).
        CACHES=kept_from_first_rendering(settings.CACHES),
        PAGE_CACHE_CHANGE_STAMP=scratch / "page-versions.stamp",
        STATIC_ROOT=scratch / "static",
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        # Background tasks run as they are enqueued, so a test sees their outcome without a
        # worker; tests/test_worker.py runs the database queue and its worker for real.
        TASKS={
            "default": {
                **settings.TASKS["default"],
                "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            }
        },
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def _renditions_only_where_asked():
    """No renditions are made unless a test asks for them with the `renditions` fixture.

    Encoding one photo in AVIF, WebP and JPEG at every width takes about a second, and most
    tests publish articles with photos for what they say, not for their pictures.
    """
    with no_renditions():
        yield


@pytest.fixture
def renditions():
    """Photos get their renditions as soon as they are saved or published."""
    with making_renditions():
        yield


@pytest.fixture(scope="session", autouse=True)
def _entities_only_where_asked():
    """Publishing finds no entities unless a test asks with the `entities` fixture: spaCy's
    model would run at every publication of the suite."""
    with not_extracting():
        yield


@pytest.fixture
def entities():
    """Published articles get their people, places and organisations."""
    with extracting():
        yield


@pytest.fixture(autouse=True)
def _fresh_reads(monkeypatch):
    """Reads (and readers) kept by a process belong to the test that made them: its data is
    rolled back.

    Version tokens stay known while the change stamp stands still, however slow the
    machine: what a test counts must not hang on whether a second went by. Their
    re-reading every second has its own test.
    """
    reads.forget()
    personal.forget()
    versions.forget()
    # Wagtail keeps the sites' root paths in the cache: a test's sites are rolled back.
    Site.clear_site_root_paths_cache()
    # Its articles' ids come again once rolled back (SQLite), and were read by 127.0.0.1.
    counting.readers.forget()
    monkeypatch.setattr(versions, "MEMO_SECONDS", float("inf"))


class StoppedClock:
    """The rate limits' clock, stopped at the start of an hour to come: a count's window
    (a minute, an hour) never ends in the middle of a test, however slow the machine.
    A test moves it with `rate_limit_clock.now += seconds`."""

    def __init__(self):
        self.now = float((int(time.time()) // 3600 + 1) * 3600)

    def time(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def rate_limit_clock(monkeypatch):
    """Each test starts with no action counted against a limit. Counts in the database go
    with the test's transaction; those in Redis (REDIS_URL) are cleared here."""
    if settings.RATE_LIMITS_CACHE:
        caches[settings.RATE_LIMITS_CACHE].clear()
    clock = StoppedClock()
    monkeypatch.setattr(limits, "time", clock)
    return clock


def _commits(item) -> bool:
    marker = item.get_closest_marker("django_db")
    in_transaction = marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,))
    return bool(in_transaction or {"transactional_db", "live_server"} & set(item.fixturenames))


@pytest.fixture(scope="module")
def _module_newsroom(request, django_db_setup, django_db_blocker):
    """The newsroom made once for a module whose database tests all start from it and none
    commits, rolled back after the module; None for any other module.

    Making it (the front page, its site, the groups and their permissions, the review
    workflow) takes some 300 queries: once per module rather than once per test. Each test
    still runs in its own transaction inside this one, so what a test changes of the
    newsroom is rolled back before the next. The module's database tests that come after
    the first to ask for it find it too: a module with a test that commits, or that is
    marked `own_newsroom` (it must not find a newsroom there), makes it test by test.
    """
    items = [item for item in request.session.items if item.module is request.module]
    database_tests = [item for item in items if _uses_the_database(item)]
    if any(_commits(item) or item.get_closest_marker("own_newsroom") for item in database_tests):
        yield None
        return
    with django_db_blocker.unblock(), transaction.atomic():
        yield ensure_newsroom(site_name="Quotidien").pk
        transaction.set_rollback(True)


@pytest.fixture
def home(_module_newsroom, db):
    if _module_newsroom is None:
        return ensure_newsroom(site_name="Quotidien")
    # A fresh instance: what a test sets on its front page stays out of the next test.
    return HomePage.objects.get(pk=_module_newsroom)


@pytest.fixture
def make_section(home):
    def make(title: str, parent=None, **fields) -> SectionPage:
        return add_section(parent or home, title, **fields)

    return make


@pytest.fixture
def make_article():
    """Publish an article under a section, `age` before now."""
    return add_article


@pytest.fixture
def make_reader(db):
    """An active reader account, old enough not to be screened as new."""
    numbers = count(1)

    def make(display_name: str | None = None, *, age=timedelta(days=200), **fields):
        number = next(numbers)
        email = fields.pop("email", f"lecteur{number}@example.org")
        return get_user_model().objects.create_user(
            username=email,
            email=email,
            password="lecture-Secrete-1",
            display_name=display_name or f"Lecteur {number}",
            date_joined=timezone.now() - age,
            **fields,
        )

    return make


@pytest.fixture
def make_member(home, make_reader):
    """A member of a newsroom group, a reader account otherwise."""

    def make(group: str, display_name: str, email: str):
        user = make_reader(display_name, email=email)
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def moderator(make_member):
    return make_member(MODERATORS, "Fadi R.", "fadi@quotidien.example")


@pytest.fixture
def editor(make_member, client):
    """A member of the editors' group, logged in on `client`."""
    user = make_member(EDITORS, "Rita Chidiac", "rita@quotidien.example")
    client.force_login(user)
    return user


@pytest.fixture
def journalist(make_member, client):
    """A member of the journalists' group, logged in on `client`."""
    user = make_member(JOURNALISTS, "Nadia Khoury", "nadia@quotidien.example")
    client.force_login(user)
    return user


@pytest.fixture
def clerk(make_member, client):
    """A member of the Service abonnés, logged in on `client`."""
    user = make_member(SUBSCRIBER_SERVICE, "Maya K.", "maya@quotidien.example")
    client.force_login(user)
    return user


@pytest.fixture
def publish_comment():
    """A published comment stored directly, as if it had been approved."""

    def publish(article, author, body="Merci pour cet article.", *, when=None, parent=None):
        when = when or timezone.now()
        return Comment.objects.create(
            article=article,
            author=author,
            body=body,
            parent=parent,
            status=Comment.Status.PUBLISHED,
            created_at=when,
            published_at=when,
        )

    return publish
