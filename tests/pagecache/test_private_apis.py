"""What the page cache and the site lookup rely on in Django and Wagtail beyond their docs.

The page cache's memory backend is written on `BaseCache`'s public API alone. The one
undocumented thing left is how Wagtail keeps the site it found on a request: should an
upgrade change it, these tests say what to change, instead of pages quietly costing a
query each again.
"""

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory
from wagtail.models import Site

from quotidien.news.middleware import SiteMiddleware
from quotidien.pagecache.backends import ProcessMemoryCache

UPGRADE = (
    "Wagtail changed {what}: quotidien/news/middleware.py fills it so that a page's request "
    "finds its site without a query; find Wagtail's new way to hand it the site."
)


def cache(name="test-private-apis", **options) -> ProcessMemoryCache:
    backend = ProcessMemoryCache(name, {"OPTIONS": options})
    backend.clear()
    return backend


def test_memory_backend_uses_no_private_part_of_locmemcache():
    assert not issubclass(ProcessMemoryCache, LocMemCache), (
        "ProcessMemoryCache must not inherit LocMemCache's private _set/_cull/_lock"
    )


def test_memory_backend_keeps_the_object_itself_not_a_copy():
    page, store = object(), cache()

    store.set("page", page)

    assert store.get("page") is page


def test_memory_backend_is_shared_by_instances_of_one_name():
    cache("shared").set("page", "une")

    assert ProcessMemoryCache("shared", {}).get("page") == "une"
    assert cache("other").get("page") is None


def test_memory_backend_drops_the_least_recently_used_when_full():
    store = cache(MAX_ENTRIES=3, CULL_FREQUENCY=3)
    for key in ("a", "b", "c"):
        store.set(key, key)
    store.get("a")

    store.set("d", "d")

    assert [store.get(key) for key in "abcd"] == ["a", None, "c", "d"]


def test_memory_backend_expires_adds_increments_and_deletes():
    store = cache()
    store.set("gone", 1, timeout=-1)
    assert store.get("gone", "absent") == "absent"
    assert store.add("n", 1) and not store.add("n", 2)
    assert store.incr("n", 5) == 6 and store.has_key("n")
    assert store.touch("n", 10)
    assert store.delete("n") and not store.has_key("n")
    with pytest.raises(ValueError):
        store.incr("n")


@pytest.mark.django_db
def test_wagtail_takes_the_site_kept_on_the_request():
    request = RequestFactory().get("/")
    kept = Site(hostname="kept.example")
    request._wagtail_site = kept

    assert Site.find_for_request(request) is kept, UPGRADE.format(
        what="where Site.find_for_request keeps its answer (request._wagtail_site)"
    )


@pytest.mark.django_db
def test_site_middleware_hands_wagtail_the_site_of_the_host(home):
    from wagtail.views import serve

    request = RequestFactory().get("/", HTTP_HOST="localhost")

    SiteMiddleware(lambda request: None).process_view(request, serve, (), {})

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            "wagtail.models.sites.get_site_for_hostname",
            lambda *args: pytest.fail("Wagtail looked the site up again"),
        )
        assert Site.find_for_request(request) == Site.objects.get(is_default_site=True), (
            UPGRADE.format(what="Site.find_for_request")
        )
