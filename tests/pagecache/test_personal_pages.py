"""A logged-in reader's article page is rendered once per audience and filled in with the
reader's own parts: each reader gets exactly the page they would get rendered for them
alone, never another reader's name, comments awaiting moderation or form token."""

import re

import pytest
from django.test import Client

from quotidien.comments.models import Comment
from quotidien.news.models import Access
from quotidien.subscriptions.models import Plan
from tests.subscriptions import running

pytestmark = pytest.mark.django_db

LOCKED = "Les comptes du port restent sous scellés"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture
def article(make_section, make_article):
    economy = make_section("Économie", slug="economie", access=Access.SUBSCRIBERS)
    return make_article(
        economy,
        "Le port de Beyrouth sous tension",
        body=[("paragraph", "<p>Les dockers ont repris.</p>"), ("paragraph", f"<p>{LOCKED}.</p>")],
    )


@pytest.fixture
def subscribe(db):
    plan = Plan.objects.create(name="Mensuel", slug="mensuel")

    def subscribe(reader):
        running.subscribe(reader, plan)
        return reader

    return subscribe


def logged_in(reader, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(reader)
    return client


def as_shown(content: bytes) -> str:
    """The page with its CSRF tokens left out: each request may get another."""
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', content.decode())


def rendered_alone(client, url, settings) -> str:
    settings.PAGE_CACHE_SHARED_PERSONAL = False
    try:
        return as_shown(client.get(url).content)
    finally:
        settings.PAGE_CACHE_SHARED_PERSONAL = True


def test_each_reader_gets_the_page_rendered_for_them_alone(
    article, make_reader, subscribe, publish_comment, settings
):
    settings.QUOTIDIEN_METER_PER_MONTH = 2
    nour = subscribe(make_reader("Nour Haddad"))
    karim = subscribe(make_reader("Karim Saadé"))
    metered = make_reader("Rita Khoury")
    author = subscribe(make_reader("Walid Aoun"))
    publish_comment(article, author, "Le port mérite mieux que ces contrats.")
    Comment.objects.create(
        article=article, author=karim, body="Mon avis attend encore.", status="pending"
    )
    clients = {reader: logged_in(reader) for reader in (nour, karim, metered, author)}

    shared = {
        reader: as_shown(client.get(article.url).content) for reader, client in clients.items()
    }

    for reader, client in clients.items():
        assert shared[reader] == rendered_alone(client, article.url, settings)
        assert reader.display_name in shared[reader]
        assert LOCKED in shared[reader]
    assert "Karim Saadé" not in shared[nour]
    assert "Nour Haddad" not in shared[karim]
    assert "Mon avis attend encore." in shared[karim]
    assert "Mon avis attend encore." not in shared[nour]
    assert "il vous en reste 1 à lire" in shared[metered]
    # Walid may not report his own comment; the others may.
    assert "Signaler" not in shared[author]
    assert "Signaler" in shared[nour]


def test_a_change_to_the_article_reaches_every_reader(article, make_reader, subscribe):
    first = logged_in(subscribe(make_reader("Nour Haddad")))
    second = logged_in(subscribe(make_reader("Karim Saadé")))
    first.get(article.url)

    article.title = "Le port de Beyrouth rouvre"
    article.save_revision().publish()

    for client in (first, second):
        content = client.get(article.url).content.decode()
        assert "Le port de Beyrouth rouvre" in content
        assert "sous tension" not in content


def test_the_comment_form_of_a_shared_page_carries_the_readers_own_token(
    article, make_reader, subscribe
):
    logged_in(subscribe(make_reader("Nour Haddad"))).get(article.url)
    karim = logged_in(subscribe(make_reader("Karim Saadé")), enforce_csrf_checks=True)

    page = karim.get(article.url).content.decode()
    form = page[page.index('<form class="comment-form') :]
    response = karim.post(
        article.url + "commentaires/",
        {
            "body": "Les dockers ont raison de demander des comptes.",
            "csrfmiddlewaretoken": TOKEN.search(form).group(1),
        },
    )

    # A token of another reader's session would be refused (403).
    assert response.status_code == 302
    assert Comment.objects.filter(author__display_name="Karim Saadé").count() == 1


def test_a_readers_messages_show_on_their_next_page_only(article, make_reader, subscribe):
    nour = logged_in(subscribe(make_reader("Nour Haddad")))
    nour.get(article.url)
    nour.post(article.url + "commentaires/", {"body": "Merci pour ces précisions sur le port."})

    shown = nour.get(article.url).content.decode()
    again = nour.get(article.url).content.decode()

    notice = re.search(r'<li class="message[^>]*>([^<]+)', shown)
    assert notice is not None
    assert notice.group(1) not in again
    assert "Merci pour ces précisions sur le port." in again


def test_a_reader_without_access_gets_the_teaser_once_the_meter_is_spent(
    article, make_reader, subscribe, settings
):
    settings.QUOTIDIEN_METER_PER_MONTH = 0
    logged_in(subscribe(make_reader("Nour Haddad"))).get(article.url)

    content = logged_in(make_reader("Rita Khoury")).get(article.url).content.decode()

    assert LOCKED not in content
    assert "S’abonner" in content


def test_a_readers_waiting_comment_shows_to_them_until_a_moderator_decides(
    make_section, make_article, make_reader, moderator
):
    from quotidien.moderation import services as moderation

    debates = make_section("Débats", slug="debats", comment_moderation="pre")
    article = make_article(debates, "Faut-il rouvrir le port ?")
    nour = logged_in(make_reader("Nour Haddad"))
    nour.get(article.url)
    nour.post(article.url + "commentaires/", {"body": "Le port doit rouvrir sans attendre."})

    nour.get(article.url)  # shows the notice of the post
    waiting = nour.get(article.url).content.decode()
    moderation.approve(comments=Comment.objects.all(), moderator=moderator)
    published = nour.get(article.url).content.decode()

    assert "Vos commentaires non publiés" in waiting
    assert "Le port doit rouvrir sans attendre." in waiting
    assert "Vos commentaires non publiés" not in published
    assert "Le port doit rouvrir sans attendre." in published


def test_the_comments_page_and_the_meter_stay_each_readers_own(
    article, make_reader, subscribe, settings
):
    settings.QUOTIDIEN_METER_PER_MONTH = 2
    karim = subscribe(make_reader("Karim Saadé"))
    Comment.objects.create(
        article=article, author=karim, body="Mon avis attend encore.", status="pending"
    )
    comments = article.url + "commentaires/"
    logged_in(karim).get(comments)
    rita = make_reader("Rita Khoury")

    seen_by_nour = logged_in(subscribe(make_reader("Nour Haddad"))).get(comments)
    logged_in(rita).get(comments)

    assert "Mon avis attend encore." not in seen_by_nour.content.decode()
    # Only the article itself spends a subscriber article of the month.
    assert "il vous en reste 1 à lire" in logged_in(rita).get(article.url).content.decode()
