"""The limit on comments per account holds whichever way they are posted: a reader
stopped on the site cannot go on through the API."""

import pytest

from quotidien.comments.models import Comment

pytestmark = pytest.mark.django_db
PASSWORD = "lecture-Secrete-1"  # make_reader's


def test_a_reader_stopped_on_the_site_is_stopped_in_the_api_too(
    client, api_client, paper, make_reader, settings
):
    settings.QUOTIDIEN_RATE_LIMITS = {**settings.QUOTIDIEN_RATE_LIMITS, "comment": (2, 60)}
    article = paper["lead"]
    reader = make_reader()
    client.force_login(reader)
    for number in range(2):
        posted = client.post(
            article.url + "commentaires/", {"body": f"Un avis mesuré, le numéro {number}."}
        )
        assert posted.status_code == 302
    token = api_client.post(
        "/api/v1/readers/token/",
        {"email": reader.email, "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]

    answer = api_client.post(
        f"/api/v1/articles/{article.pk}/comments/",
        {"body": "Et un troisième par l’API."},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert answer.status_code == 429
    assert answer.json()["erreur"]["code"] == "trop_de_requetes"
    assert "réessayez dans" in answer.json()["erreur"]["message"]
    assert 1 <= int(answer["Retry-After"]) <= 60
    assert Comment.objects.filter(author=reader).count() == 2
