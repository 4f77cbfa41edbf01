"""A reader signs up, comments and waits; a moderator approves; the comment appears."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from quotidien.comments.models import Comment
from quotidien.news.models import ArticlePage

pytestmark = pytest.mark.browser
COMMENT = "Bravo aux pompiers volontaires : le village leur doit beaucoup."


def test_reader_comment_waits_then_appears_once_a_moderator_approves(new_context, screenshots):
    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    count = Comment.objects.filter(article=article, status="published").count()
    tab = new_context().new_page()

    tab.goto("/compte/inscription/")
    tab.get_by_label("Adresse e-mail").fill("nouvelle.lectrice@example.org")
    tab.get_by_label("Nom affiché avec vos commentaires").fill("Maya T.")
    tab.get_by_label(re.compile(r"^Mot de passe\W*$")).fill("Oliviers-du-Sud-42")
    tab.get_by_label("Mot de passe, une seconde fois").fill("Oliviers-du-Sud-42")
    tab.get_by_role("button", name="Créer mon compte").click()
    expect(tab.get_by_role("heading", name="Confirmez votre adresse")).to_be_visible()
    link = re.search(r"http://\S+", mail.outbox[-1].body).group(0)

    tab.goto(link)
    expect(tab.get_by_text("Votre adresse est confirmée")).to_be_visible()
    tab.goto(article.url)
    tab.get_by_label("Votre commentaire").fill(COMMENT)
    tab.get_by_role("button", name="Publier mon commentaire").click()
    expect(tab.get_by_text("Votre commentaire est en attente de modération").first).to_be_visible()
    expect(tab.get_by_role("heading", name=f"commentaires ({count})")).to_be_visible()
    tab.screenshot(path=screenshots / "comment-pending.png", full_page=True)

    staff = new_context().new_page()
    staff.goto("/admin/login/")
    staff.locator("#id_username").fill("moderateur")
    staff.locator("#id_password").fill("quotidien-moderateur")
    staff.locator("button[type=submit]").click()
    staff.goto("/admin/moderation/")
    item = staff.get_by_role("region", name="Commentaire de Maya T.")
    expect(item).to_contain_text(COMMENT)
    expect(item).to_contain_text("nouveau compte")
    item.get_by_role("button", name="Approuver").click()
    expect(staff.get_by_text("1 commentaire approuvé.")).to_be_visible()
    staff.screenshot(path=screenshots / "moderation-queue.png", full_page=True)

    tab.goto(article.url)
    section = tab.locator("#commentaires")
    expect(section.get_by_role("heading", name=f"commentaires ({count + 1})")).to_be_visible()
    expect(section.get_by_text(COMMENT)).to_be_visible()
    expect(section.locator(".comment__meta time").first).to_have_text(
        re.compile(r"^\d{1,2} h \d{2}, le \d{2} [a-zéû]+ \d{4}$")
    )
