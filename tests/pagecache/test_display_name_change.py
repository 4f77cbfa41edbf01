"""A reader who changes the name shown with their comments is shown under the new one at
once, on the article (its newest comment) and on its comments page, cached or not."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def page(url: str) -> str:
    return Client().get(url).content.decode()


@pytest.fixture
def commented(paper, make_reader, publish_comment):
    reader = make_reader("Rima K.")
    publish_comment(paper["article"], reader, "Le lac n’a jamais été aussi haut.")
    for url in (paper["article"].url, paper["article"].url + "commentaires/"):
        assert "Rima K." in page(url) and "Rima K." in page(url)  # kept by the cache
    return reader


def test_a_new_display_name_shows_at_once_under_the_readers_comments(
    paper, commented, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        commented.display_name = "Rima Khoury"
        commented.save()

    for url in (paper["article"].url, paper["article"].url + "commentaires/"):
        html = page(url)
        assert "Rima Khoury" in html and "Rima K.<" not in html, url


def test_saving_a_reader_without_changing_their_name_keeps_the_pages(
    paper, commented, make_reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        commented.last_name = "Khoury"
        commented.save()
        make_reader("Un lecteur de Zahlé")

    assert Client().get(paper["article"].url)["X-Page-Cache"] == "hit"
