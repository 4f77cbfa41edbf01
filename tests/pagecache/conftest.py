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
