import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()


@pytest.fixture
def paper(home, make_section, make_article):
    lebanon = make_section("Liban")
    article = make_article(lebanon, "Le barrage de Qaraoun se remplit")
    return {"home": home, "section": lebanon, "article": article}


@pytest.fixture
def two_levels(settings):
    """The shared cache (Redis in production) and this process's, in front of it."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "quotidien.pagecache.backends.ProcessMemoryCache",
            "LOCATION": "shared-pages",
        },
        "pages-local": {
            "BACKEND": "quotidien.pagecache.backends.ProcessMemoryCache",
            "LOCATION": "pages-local",
        },
    }
    settings.PAGE_CACHE_FIRST_LEVEL = "pages-local"
    yield settings
    caches["pages"].clear()
    caches["pages-local"].clear()
