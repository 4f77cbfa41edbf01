"""The search page's links, and the masthead's, repeat only the parameters the page reads,
those of its cache key: a made-up one in a request never reaches the page another reader
is given. A page that is not kept still reads the others."""

import pytest
from django.core.cache import caches
from django.test import Client

from quotidien.search import vocabulary

pytestmark = pytest.mark.django_db


@pytest.fixture
def salaries(make_section, make_article, settings):
    """More articles than a page of results shows, their words counted for suggestions."""
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    section = make_section("Liban")
    for number in range(21):
        make_article(section, f"Le salaire des enseignants, semaine {number}")
    vocabulary.recount()
    yield section
    caches["pages"].clear()


def test_made_up_parameters_reach_no_link_of_the_cached_page(salaries):
    for _ in range(2):
        Client().get("/recherche/", {"q": "salaire", "zz": "POISON2"})
    plain = Client().get("/recherche/", {"q": "salaire"})
    sorted_ = Client().get("/recherche/", {"q": "salaire", "tri": "date", "zz": "POISON3"})

    assert plain["X-Page-Cache"] == "hit"
    assert "POISON" not in plain.content.decode() + sorted_.content.decode()
    assert 'rel="next" href="?q=salaire&amp;page=2"' in plain.content.decode()
    assert 'rel="next" href="?q=salaire&amp;tri=date&amp;page=2"' in sorted_.content.decode()


def test_the_correction_and_the_page_redirect_leave_made_up_parameters_out(salaries):
    corrected = Client().get("/recherche/", {"q": "salaier", "zz": "POISON4"})
    redirect = Client().get("/recherche/", {"q": "salaire", "zz": "POISON5", "page": "9"})

    html = corrected.content.decode()
    assert 'class="search-suggestion"' in html and "POISON" not in html
    assert redirect.status_code == 302 and redirect["Location"] == "/recherche/?q=salaire&page=2"


def test_a_page_still_reads_the_parameters_its_key_leaves_out(salaries, make_article):
    """What is not stored may read any parameter: the right-of-reply form names the article
    it is reached from (`?article=`), and the login Wagtail sends a private page's reader to
    brings them back (`?next=`), under the page cache too."""
    article = make_article(salaries, "Le ministre répond aux enseignants")

    form = Client().get("/droit-de-reponse/", {"article": article.pk, "zz": "POISON6"})
    login = Client().get("/_util/login/", {"next": "/liban/"})

    assert "Le ministre répond aux enseignants" in form.content.decode()
    # A reader who logs in from the form comes back to it, the article still named.
    assert f'?next=%2Fdroit-de-reponse%2F%3Farticle%3D{article.pk}"' in form.content.decode()
    assert login["Location"] == "/compte/connexion/?next=%2Fliban%2F"
