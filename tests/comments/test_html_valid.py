"""Comment and account pages are valid HTML, as the Nu Html Checker sees them."""

import pytest

from quotidien.comments.models import Comment
from tests.html_validation import validate_html

pytestmark = pytest.mark.django_db


@pytest.mark.html_checker
def test_comment_and_account_pages_are_valid_html(client, article, make_reader, publish_comment):
    question = publish_comment(article, make_reader("Karim S."), "Où en est le chantier ?\nMerci.")
    publish_comment(article, make_reader("لينا"), "متوقف منذ آذار 🌧️", parent=question)
    reader = make_reader("Rima K.")
    Comment.objects.create(article=article, author=reader, body="En attente.", held_reason="Test")
    anonymous = {
        "inscription": client.get("/compte/inscription/"),
        "inscription avec erreurs": client.post("/compte/inscription/", {"email": "x"}),
        "connexion": client.get("/compte/connexion/"),
        "mot de passe oublié": client.get("/compte/mot-de-passe/"),
    }
    client.force_login(reader)
    pages = {
        **anonymous,
        "article commenté": client.get(article.url),
        "tous les commentaires": client.get(article.url + "commentaires/"),
        "commentaire refusé au formulaire": client.post(
            article.url + "commentaires/", {"body": "<b>gras</b>"}
        ),
        "signaler": client.get(f"/commentaires/{question.pk}/signaler/"),
        "mes commentaires": client.get("/commentaires/mes-commentaires/"),
    }
    html = {name: response.content.decode() for name, response in pages.items()}
    assert "commentaires (2)" in html["tous les commentaires"]
    assert "Les balises HTML ne sont pas acceptées" in html["commentaire refusé au formulaire"]

    errors = validate_html(html)

    invalid = {page: found for page, found in errors.items() if found}
    assert not invalid, "\n".join(f"{page}:\n  " + "\n  ".join(e) for page, e in invalid.items())
