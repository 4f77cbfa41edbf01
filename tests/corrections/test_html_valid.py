"""The corrections page, the right-of-reply form and an article with a correction and a
reply are valid HTML, as the Nu Html Checker sees them."""

import pytest

from quotidien.corrections import services
from quotidien.corrections.models import Correction
from tests.html_validation import validate_html

pytestmark = pytest.mark.django_db


@pytest.mark.html_checker
def test_corrections_pages_are_valid_html(client, article, editor):
    services.add_correction(article=article, text="Une date était fausse.", by=editor)
    services.add_correction(
        article=article,
        kind=Correction.Kind.REPLY,
        requester_name="Élie Sfeir",
        text="Premier paragraphe.\n\nSecond paragraphe.",
        editor_note="Nous maintenons nos informations.",
        by=editor,
    )
    pages = {
        "article corrigé": client.get(article.url),
        "rectificatifs": client.get("/corrections/"),
        "droit de réponse": client.get(f"/droit-de-reponse/?article={article.pk}"),
        "droit de réponse refusé": client.post("/droit-de-reponse/", {"article": "/nulle-part/"}),
    }
    html = {name: response.content.decode() for name, response in pages.items()}
    assert "Réponse d’Élie Sfeir" in html["article corrigé"]

    errors = validate_html(html)

    invalid = {page: found for page, found in errors.items() if found}
    assert not invalid, "\n".join(f"{page}:\n  " + "\n  ".join(e) for page, e in invalid.items())
