"""The moderators' pages are valid HTML, as the Nu Html Checker sees them."""

import pytest

from quotidien.comments.models import Comment, Report
from quotidien.moderation.models import Ban
from tests.html_validation import validate_html

pytestmark = pytest.mark.django_db


@pytest.mark.html_checker
def test_moderation_pages_are_valid_html(staff_client, article, make_reader):
    troll = make_reader("Troll")
    held = Comment.objects.create(article=article, author=troll, body="Attend.", held_reason="Cri")
    reported = Comment.objects.create(
        article=article, author=make_reader(), body="Vif.", status="published", open_reports=1
    )
    Report.objects.create(comment=reported, reporter=make_reader(), reason="insulte", note="Ah")
    pages = {
        "tableau de bord": staff_client.get("/admin/"),
        "file": staff_client.get("/admin/moderation/"),
        "signalés": staff_client.get("/admin/moderation/?onglet=signales"),
        "confirmation du bannissement": staff_client.get(
            "/admin/moderation/bannir/", {"commentaire": held.pk}
        ),
        "bannissement sans motif": staff_client.post(
            "/admin/moderation/bannir/", {"commentaire": held.pk}
        ),
    }
    staff_client.post("/admin/moderation/bannir/", {"commentaire": held.pk, "categorie": "cris"})
    ban = Ban.objects.get()
    pages |= {
        "lecteurs bannis": staff_client.get("/admin/moderation/bannis/"),
        "annulation": staff_client.get(f"/admin/moderation/bannis/{ban.pk}/annuler/"),
        "commentaires d’un lecteur": staff_client.get(f"/admin/moderation/?auteur={troll.pk}"),
        "journal": staff_client.get("/admin/moderation/journal/"),
    }
    html = {name: response.content.decode() for name, response in pages.items()}
    assert "Choisissez le motif du refus dans la liste." in html["bannissement sans motif"]

    errors = validate_html(html)

    invalid = {page: found for page, found in errors.items() if found}
    assert not invalid, "\n".join(f"{page}:\n  " + "\n  ".join(e) for page, e in invalid.items())
