"""What the open internet sends gets a clear 4xx in French, never a 500, and stores nothing.

First the inputs that once broke a page, one test each; then Hypothesis over the site's
forms and query strings. The API as a whole is fuzzed from its schema in
tests/api/test_api_schema.py.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotidien.comments.models import Comment

pytestmark = pytest.mark.django_db

TOO_BIG = 3 * 1024 * 1024  # past DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)
HUGE_NUMBER = "99999999999999999999"
PAST_64_BITS = str(2**63)


@pytest.fixture
def paper(home, make_section, make_article):
    lebanon = make_section("Liban", slug="liban")
    article = make_article(lebanon, "Le port de Beyrouth rouvre")
    return {"section": lebanon, "article": article}


def client() -> Client:
    return Client(HTTP_HOST="localhost", raise_request_exception=False)


def api_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    return response.json()["erreur"]


def test_search_date_at_the_end_of_the_calendar_is_refused_in_french(paper):
    response = client().get("/recherche/", {"q": "port", "au": "9999-12-31"})

    assert response.status_code == 400
    assert "entre le 01/01/1900 et le 31/12/2999" in response.content.decode()


def test_search_page_with_invalid_filters_answers_400(paper):
    response = client().get("/recherche/", {"q": "port", "rubrique": HUGE_NUMBER})

    assert response.status_code == 400
    assert "Ce choix n’existe pas" in response.content.decode()


@pytest.mark.parametrize("number", [HUGE_NUMBER, PAST_64_BITS])
def test_api_article_list_by_a_section_number_past_64_bits_is_refused(paper, number):
    error = api_error(client().get("/api/v1/articles/", {"section": number}), 400)

    assert error["details"][0]["cible"] == "section"
    assert "Numéro de rubrique trop grand" in error["details"][0]["message"]


@pytest.mark.parametrize("number", [HUGE_NUMBER, PAST_64_BITS])
def test_api_search_by_a_section_number_past_64_bits_is_refused(paper, number):
    response = client().get("/api/v1/search/", {"q": "port", "section": number})

    assert api_error(response, 400)["details"][0]["cible"] == "section"


def test_api_article_number_past_64_bits_is_not_found(paper):
    for url in (f"/api/v1/articles/{HUGE_NUMBER}/", f"/api/v1/articles/{HUGE_NUMBER}/comments/"):
        assert api_error(client().get(url), 404)["code"] == "introuvable"


def test_api_token_request_over_the_body_limit_gets_413(paper):
    body = json.dumps({"email": "a@example.org", "password": "x" * TOO_BIG})

    response = client().post("/api/v1/readers/token/", body, content_type="application/json")

    error = api_error(response, 413)
    assert error["code"] == "trop_volumineux"
    assert "2,5 Mo" in error["message"]


def test_api_comment_over_the_body_limit_gets_413_and_stores_nothing(paper, make_reader):
    app = client()
    app.force_login(make_reader())
    body = json.dumps({"body": "é" * TOO_BIG})

    response = app.post(
        f"/api/v1/articles/{paper['article'].pk}/comments/", body, content_type="application/json"
    )

    assert api_error(response, 413)["code"] == "trop_volumineux"
    assert not Comment.objects.exists()


def test_site_comment_over_the_body_limit_is_refused_and_stores_nothing(paper, make_reader):
    reader = client()
    reader.force_login(make_reader())

    response = reader.post(paper["article"].url + "commentaires/", {"body": "x" * TOO_BIG})

    assert response.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize("selected", [HUGE_NUMBER, PAST_64_BITS, "-1", "1e9", "٣"])
def test_moderation_queue_ignores_a_selection_past_64_bits(paper, moderator, selected):
    desk = client()
    desk.force_login(moderator)

    response = desk.post(
        "/admin/moderation/?onglet=a-traiter", {"action": "approve", "selected": selected}
    )

    assert response.status_code == 302


# Hypothesis over the site's query strings and forms: no 5xx, and nothing stored when refused.

EXAMPLES = 15
fuzz = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# What a query string or a form may carry: any text, numbers of any size, dates at the edges.
junk = st.one_of(
    st.text(max_size=40),
    st.integers().map(str),
    st.dates().map(str),
    st.sampled_from(["", "0", "-1", "1e9", "٣", "²", "\x00", "9999-12-31", "31/02/2024"]),
)


@fuzz
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "rubrique", "auteur", "du", "au", "tri", "page"]), junk
    )
)
def test_search_page_never_fails(paper, params):
    assert client().get("/recherche/", params).status_code < 500


@fuzz
@given(page=junk, order=junk)
def test_listings_and_comment_pages_never_fail(paper, page, order):
    browser = client()
    for url in ("/", paper["section"].url, "/sujet/eau/"):
        assert browser.get(url, {"page": page}).status_code < 500
    comments = paper["article"].url + "commentaires/"
    assert browser.get(comments, {"ordre": order, "page": page}).status_code < 500


@fuzz
@given(email=junk, password=junk, name=junk)
def test_sign_up_and_login_forms_never_fail_nor_keep_a_refused_reader(home, email, password, name):
    readers = get_user_model().objects.count()
    browser = client()

    signup = browser.post(
        "/compte/inscription/",
        {"email": email, "password1": password, "password2": password, "display_name": name},
    )
    login = browser.post("/compte/connexion/", {"username": email, "password": password})

    assert signup.status_code < 500 and login.status_code < 500
    if signup.status_code != 302:
        assert get_user_model().objects.count() == readers


@fuzz
@given(body=junk, parent=junk)
def test_comment_form_never_fails_nor_keeps_a_refused_comment(paper, reader, body, parent):
    comments = Comment.objects.count()

    response = reader.post(paper["article"].url + "commentaires/", {"body": body, "parent": parent})

    assert response.status_code < 500
    if response.status_code != 302:
        assert Comment.objects.count() == comments


@pytest.fixture
def reader(make_reader):
    browser = client()
    browser.force_login(make_reader())
    return browser
