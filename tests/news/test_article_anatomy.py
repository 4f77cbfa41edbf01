"""The article page as a daily's: sharing without third parties, print, replies in the column."""

from datetime import timedelta
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from quotidien.comments.models import Comment

pytestmark = pytest.mark.django_db

TITLE = "Qaraoun : l’eau revient & les pêcheurs aussi"


@pytest.fixture
def article(home, make_section, make_article):
    return make_article(make_section("Liban"), TITLE, slug="qaraoun-pêcheurs")


@pytest.fixture
def question(article, make_reader, publish_comment):
    return publish_comment(article, make_reader("Karim S."), "Où en est le chantier ?")


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def share_link(page: BeautifulSoup, service: str):
    return page.select_one(f".share a.share__link--{service}")


def test_share_links_carry_the_canonical_url_and_headline_encoded(client, article):
    page = soup_of(client.get(article.url))
    canonical = page.select_one('link[rel="canonical"]')["href"]
    url, title = quote(canonical, safe=""), quote(TITLE, safe="")

    assert canonical.startswith("http") and "p%C3%AAcheurs" in canonical
    assert share_link(page, "facebook")["href"] == (
        f"https://www.facebook.com/sharer/sharer.php?u={url}"
    )
    assert share_link(page, "x")["href"] == (
        f"https://twitter.com/intent/tweet?url={url}&text={title}"
    )
    assert share_link(page, "whatsapp")["href"] == f"https://wa.me/?text={title}%20{url}"
    assert share_link(page, "linkedin")["href"] == (
        f"https://www.linkedin.com/sharing/share-offsite/?url={url}"
    )
    assert share_link(page, "telegram")["href"] == (
        f"https://t.me/share/url?url={url}&text={title}"
    )
    assert share_link(page, "email")["href"] == f"mailto:?subject={title}&body={url}"
    # The reader gets back exactly the address and headline, whatever they hold.
    shared = parse_qs(urlsplit(share_link(page, "x")["href"]).query)
    assert shared == {"url": [canonical], "text": [TITLE]}


def test_share_links_have_french_names_and_open_the_service_in_a_new_tab(client, article):
    page = soup_of(client.get(article.url))
    facebook, email = share_link(page, "facebook"), share_link(page, "email")

    assert facebook["aria-label"] == "Partager sur Facebook (nouvel onglet)"
    assert facebook["target"] == "_blank" and "noopener" in facebook["rel"]
    assert email["aria-label"] == "Envoyer par e-mail"
    assert not email.has_attr("target")
    assert len(page.select(".share a.share__link")) == 6


def test_article_page_loads_only_its_own_scripts_and_the_copy_link_one_deferred(client, article):
    page = soup_of(client.get(article.url))
    scripts = page.find_all("script")

    external = [script["src"] for script in scripts if script.has_attr("src")]
    inline = [script for script in scripts if not script.has_attr("src")]
    assert external and all(src.startswith("/static/") for src in external)
    assert all(script.get("type") == "application/ld+json" for script in inline)
    share = page.find("script", src=lambda src: src and src.endswith("js/share.js"))
    assert share is not None and share.has_attr("defer")


def test_copy_link_button_waits_for_the_script_and_the_address_is_there_to_copy(client, article):
    page = soup_of(client.get(article.url))
    canonical = page.select_one('link[rel="canonical"]')["href"]
    button = page.find("button", string="Copier le lien")

    # Hidden without JavaScript: share.js shows it when the clipboard can be written.
    assert button.find_parent(attrs={"hidden": True}) is not None
    assert button["data-share-copy"] == canonical
    assert button["data-share-copied"] == "Lien copié"
    field = page.select_one(".share input#lien-article")
    assert field["value"] == canonical and field.has_attr("readonly")
    assert page.find("label", attrs={"for": "lien-article"}).get_text() == "Lien de l’article"
    assert page.select_one('.share [role="status"][aria-live="polite"]') is not None


def test_print_stylesheet_is_linked_for_print_on_the_article_and_its_comments(client, article):
    for url in (article.url, article.url + "commentaires/"):
        page = soup_of(client.get(url))
        printed = [
            link
            for link in page.select('link[rel="stylesheet"]')
            if link["href"].endswith("css/print.css")
        ]
        assert [link.get("media") for link in printed] == ["print"], url
        assert page.select_one('link[rel="stylesheet"][href$="css/article.css"]'), url


def test_comments_sit_in_the_article_column(client, article, question):
    page = soup_of(client.get(article.url))
    column = page.select_one(".article-page")

    # The headline is set in French typography: a narrow no-break space before the colon.
    assert column.select_one("article.article h1").get_text() == TITLE.replace(" :", "\u202f:")
    assert page.select_one("#commentaires").find_parent(class_="article-page") is column
    assert column.select_one("#commentaires h2").get_text() == "commentaires (1)"
    assert column.select_one(f"#commentaire-{question.pk}") is not None


def test_reader_replies_from_the_article_and_reads_the_reply_under_its_comment(
    article, question, make_reader
):
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(make_reader("Lina"))
    page = soup_of(reader.get(article.url))
    details = page.select_one(f"#commentaire-{question.pk} details.comment__reply")
    form = details.find("form")
    fields = {field["name"]: field.get("value", "") for field in form.find_all("input")}
    textarea = form.find("textarea")

    assert details.summary.get_text(strip=True) == "Répondre"
    assert not details.has_attr("open")
    assert form.find("label", attrs={"for": textarea["id"]}).get_text() == (
        "Votre réponse à Karim S."
    )
    fields[textarea["name"]] = "Arrêté depuis mars, faute de crédits."
    response = reader.post(form["action"], fields, follow=True)

    reply = Comment.objects.get(parent=question)
    assert reply.status == Comment.Status.PUBLISHED
    assert response.redirect_chain[-1][0] == (
        f"{article.url}commentaires/#commentaire-{question.pk}"
    )
    thread = soup_of(response).select_one(f"#commentaire-{question.pk}").parent
    shown = thread.select_one(f".comment-thread__replies #commentaire-{reply.pk}")
    assert "Arrêté depuis mars, faute de crédits." in shown.get_text()
    assert "Votre commentaire est publié" in response.content.decode()


def test_held_reply_is_announced_under_its_comment_to_its_writer(
    client, article, question, make_reader
):
    client.force_login(make_reader("Nouveau", age=timedelta(minutes=5)))

    response = client.post(
        article.url + "commentaires/",
        {"body": "Je découvre ce chantier.", "parent": question.pk},
        follow=True,
    )

    assert Comment.objects.get(parent=question).status == Comment.Status.PENDING
    thread = soup_of(response).select_one(f"#commentaire-{question.pk}").parent
    waiting = thread.select_one(".comment-thread__replies .comment--pending")
    assert "Votre réponse est en attente de modération" in waiting.get_text()
    assert "Je découvre ce chantier." in waiting.get_text()
    assert "Je découvre ce chantier." not in Client().get(article.url).content.decode()


def test_reply_to_an_older_thread_brings_the_reader_to_its_page(
    client, settings, article, make_reader, publish_comment
):
    settings.QUOTIDIEN_COMMENTS_PAGE_SIZE = 2
    now = timezone.now()
    oldest = publish_comment(article, make_reader(), "Le plus ancien.", when=now - timedelta(3))
    for days in (2, 1):
        publish_comment(article, make_reader(), "Plus récent.", when=now - timedelta(days))
    client.force_login(make_reader("Lina"))

    response = client.post(
        article.url + "commentaires/", {"body": "Toujours d’actualité.", "parent": oldest.pk}
    )

    assert response["Location"] == f"{article.url}commentaires/?page=2#commentaire-{oldest.pk}"
    html = client.get(article.url + "commentaires/?page=2").content.decode()
    assert html.index("Le plus ancien.") < html.index("Toujours d’actualité.")


def test_anonymous_reader_is_sent_to_log_in_and_back_and_the_cached_page_holds_no_token(
    settings, article, question, make_reader
):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    anonymous = Client()
    anonymous.get(article.url)
    cached = anonymous.get(article.url)
    page = soup_of(cached)
    link = page.find("a", string="Se connecter pour répondre")
    login = urlsplit(link["href"])
    back = parse_qs(login.query)["next"][0]

    assert cached["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in cached.content.decode()
    assert page.select("details.comment__reply") == []
    assert link.find_parent(id=f"commentaire-{question.pk}") is not None
    assert back == f"{article.url}#commentaire-{question.pk}"
    make_reader("Lina", email="lina@example.org")
    logged_in = anonymous.post(
        link["href"], {"username": "lina@example.org", "password": "lecture-Secrete-1"}
    )
    assert logged_in["Location"] == back


def test_comments_page_offers_repondre_on_threads_not_on_replies(
    client, article, question, make_reader, publish_comment
):
    reply = publish_comment(article, make_reader("Lina"), "Arrêté.", parent=question)
    client.force_login(make_reader("Rima K."))

    page = soup_of(client.get(article.url + "commentaires/"))

    assert page.select_one(f"#commentaire-{question.pk} details.comment__reply") is not None
    assert page.select_one(f"#commentaire-{reply.pk} details.comment__reply") is None
    parent_field = page.select_one(f"#commentaire-{question.pk} input[name=parent]")
    assert parent_field["value"] == str(question.pk)
    assert page.select_one(f"#commentaire-{reply.pk}").find("a", string="Signaler")


def test_no_reply_form_once_comments_are_closed(client, article, question, make_reader):
    article.comments_closed = True
    article.save_revision().publish()
    client.force_login(make_reader())

    page = soup_of(client.get(article.url))

    assert page.select("details.comment__reply") == []
    assert page.find("a", string="Se connecter pour répondre") is None
    assert "Les commentaires sont fermés pour cet article." in page.get_text()
