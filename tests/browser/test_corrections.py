"""A correction on the article and on the corrections page; a right-of-reply request from
the public form to the back office, then to the reply published under the article."""

import re

import pytest
from playwright.sync_api import expect

from quotidien.corrections.models import Correction, ReplyRequest
from tests.browser.axe import SERIOUS, axe_violations

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 900}


def test_a_correction_shows_on_the_article_and_on_the_corrections_page(
    new_context, screenshots, axe_script
):
    correction = Correction.objects.select_related("article").get(kind="rectificatif")
    article = correction.article
    tab = new_context(viewport=DESKTOP).new_page()
    tab.add_init_script(path=axe_script)

    tab.goto(article.url)
    note = tab.locator(f"#{correction.anchor}")
    expect(note).to_contain_text(re.compile(r"Rectificatif du \d{1,2}\s\S+\s\d{4}\."))
    expect(note).to_contain_text(correction.paragraphs[0][:40])
    expect(tab.locator(".dates")).to_contain_text("Mis à jour le")
    expect(tab.locator(".dates")).to_contain_text("Article rectifié le")

    tab.locator(".site-footer").get_by_role("link", name="Corrections").click()
    expect(tab.get_by_role("heading", name="Corrections", level=1)).to_be_visible()
    tab.screenshot(path=screenshots / "corrections-page.png", full_page=True)
    assert not axe_violations(tab, impacts=SERIOUS)
    tab.get_by_role("link", name=re.compile(re.escape(article.title[:30]))).first.click()
    expect(tab).to_have_url(re.compile(rf"{re.escape(article.url)}#{correction.anchor}$"))


def test_a_reply_request_goes_from_the_form_to_a_reply_published_under_the_article(
    new_context, screenshots, axe_script
):
    article = Correction.objects.select_related("article").get(kind="rectificatif").article
    reader = new_context(viewport=DESKTOP).new_page()
    reader.add_init_script(path=axe_script)
    reader.goto(article.url)
    # The link at the end of the article (the footer's opens the form empty).
    reader.locator(".reply-invitation").get_by_role("link", name="Droit de réponse").click()
    assert axe_violations(reader, impacts=SERIOUS) == []
    reader.get_by_label("Vos nom et prénom").fill("Samia Haddad")
    reader.get_by_label("Adresse e-mail").fill("samia@example.org")
    expect(reader.get_by_label("Adresse de l’article")).to_have_value(re.compile(article.url))
    reader.get_by_label("Texte de votre réponse").fill(
        "Contrairement à ce qu’écrit l’article, je n’ai jamais dirigé cette imprimerie."
    )
    reader.get_by_label(re.compile("Je certifie")).check()
    reader.get_by_role("button", name="Envoyer ma demande").click()
    request = ReplyRequest.objects.get(email="samia@example.org")
    expect(reader.get_by_text(request.reference)).to_be_visible()
    expect(reader.locator(".reply-deadline")).to_contain_text("avant le")

    staff = new_context(viewport=DESKTOP).new_page()
    staff.goto("/admin/login/")
    staff.locator("#id_username").fill("editeur")
    staff.locator("#id_password").fill("quotidien-editeur")
    staff.locator("button[type=submit]").click()
    staff.goto("/admin/droits-de-reponse/")
    row = staff.locator("tr").filter(has_text="Samia Haddad")
    expect(row).to_contain_text("reçue")
    expect(row).to_contain_text(re.compile(r"\d{1,2}\s\S+\s\d{4} à \d{1,2}\sh\s\d{2}"))
    row.get_by_role("link", name=request.reference).click()
    expect(staff.locator(".reply-deadline")).to_contain_text("À publier avant le")
    staff.get_by_role("link", name="Publier la réponse").click()
    staff.get_by_label("Texte publié").fill(
        "Contrairement à ce qu’écrivait l’article, je n’ai jamais dirigé cette imprimerie."
    )
    staff.screenshot(path=screenshots / "reply-publish.png", full_page=True)
    staff.get_by_role("button", name="Publier", exact=True).click()
    expect(staff.get_by_text("Réponse de Samia Haddad publiée")).to_be_visible()

    reader.goto(article.url)
    reply = reader.locator(".correction--droit_de_reponse")
    expect(reply).to_contain_text("Réponse de Samia Haddad, publiée le")
    expect(reply).to_contain_text("je n’ai jamais dirigé cette imprimerie")
