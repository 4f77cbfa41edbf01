"""A reader signs up, comments and waits; a moderator approves; the comment appears.
A reader replies to a comment, with and without JavaScript, and shares the article."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
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
    # The link names the paper's address (SITE_URL); its path is opened on the test server.
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)

    tab.goto(link)
    expect(tab.get_by_text("Votre adresse est confirmée")).to_be_visible()
    # The link confirms the address without logging in whoever opens it: the password does.
    expect(tab.get_by_label("Adresse e-mail")).to_have_value("nouvelle.lectrice@example.org")
    tab.get_by_label("Mot de passe").fill("Oliviers-du-Sud-42")
    tab.get_by_role("button", name="Se connecter").click()
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
        re.compile(r"^\d{1,2} [a-zéû]+ \d{4} à \d{1,2} h \d{2}$")
    )


REPLY = "Merci pour ces précisions : la route de Baalbek est rouverte depuis ce matin."


def log_in_reader(tab, next_url: str) -> None:
    """A reader of long standing (their comments are not held as a newcomer's), logged in."""
    get_user_model().objects.create_user(
        username="habitue@example.org",
        email="habitue@example.org",
        password="Cedres-de-Barouk-7",
        display_name="Nadine H.",
        date_joined=timezone.now() - timedelta(days=400),
    )
    tab.goto(f"/compte/connexion/?next={next_url}")
    tab.locator("#id_username").fill("habitue@example.org")
    tab.locator("#id_password").fill("Cedres-de-Barouk-7")
    tab.get_by_role("main").get_by_role("button", name="Se connecter").click()
    # Logged in: the masthead folds "Se déconnecter" into the menu under the reader's name.
    expect(
        tab.get_by_role("button", name="Se déconnecter", include_hidden=True).first
    ).to_be_attached()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "sans-javascript"])
def test_reader_replies_to_a_comment_and_reads_the_reply_under_it(
    new_context, screenshots, javascript
):
    # The newest comment is the one the article page shows.
    shown = Comment.objects.filter(status="published").order_by("-published_at", "-pk").first()
    thread = shown.parent or shown
    tab = new_context(java_script_enabled=javascript).new_page()
    log_in_reader(tab, shown.article.url)
    comment = tab.locator(f"#commentaire-{shown.pk}")

    expect(comment.get_by_role("textbox")).to_be_hidden()
    comment.get_by_text("Répondre", exact=True).click()
    answer = comment.get_by_label(f"Votre réponse à {shown.author.get_display_name()}")
    answer.fill(REPLY)
    comment.get_by_role("button", name="Publier ma réponse").click()

    expect(tab).to_have_url(re.compile(rf"/commentaires/(\?page=\d+)?#commentaire-{thread.pk}$"))
    replies = tab.locator(f"#commentaire-{thread.pk} + .comment-thread__replies")
    expect(replies.locator(".comment--reply").last).to_contain_text(REPLY)
    expect(replies.locator(".comment--reply").last).to_contain_text("Nadine H.")
    assert Comment.objects.get(body=REPLY).parent == thread
    tab.screenshot(path=screenshots / f"comment-reply-{'js' if javascript else 'nojs'}.png")


def test_copy_link_button_copies_the_article_address_and_says_so(new_context, screenshots):
    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(article.url)
    canonical = tab.locator('link[rel="canonical"]').get_attribute("href")
    share = tab.get_by_role("region", name="Partager")

    expect(share.get_by_label("Lien de l’article")).to_be_hidden()
    share.get_by_role("button", name="Copier le lien").click()

    expect(share.get_by_role("status")).to_have_text("Lien copié")
    assert tab.evaluate("navigator.clipboard.readText()") == canonical
    expect(share.get_by_role("link", name="Partager sur Facebook (nouvel onglet)")).to_be_visible()


def test_without_javascript_the_address_is_there_to_copy(new_context):
    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    tab = new_context(java_script_enabled=False).new_page()
    tab.goto(article.url)
    share = tab.get_by_role("region", name="Partager")

    expect(share.get_by_role("button", name="Copier le lien")).to_be_hidden()
    expect(share.get_by_label("Lien de l’article")).to_have_value(
        tab.locator('link[rel="canonical"]').get_attribute("href")
    )
