"""An article under a view restriction (a password, a reader's login: the back office's
« Confidentialité ») is listed nowhere a reader who could not open it would see it: not
on the front page (« À la une », its sections, « En continu », « Les plus lus »), nor on
its section, its subjects, its author's or its entities' pages, nor in « Lire aussi »."""

import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from wagtail.models import PageViewRestriction

from quotidien.audience import counts
from quotidien.entities.models import ArticleEntity, Entity
from quotidien.news.models import ArticlePage, ArticleRelatedLink, Author, HomePageTopStory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lebanon(home, make_section, make_article):
    """Three articles of one section, one author, one subject and one entity: one open to
    all, one behind a password, one for logged-in readers; the restricted ones the newest,
    the most read, on the front page and picked to be read after the open one."""
    section = make_section("Liban")
    author = Author.objects.create(name="Léa Sfeir", slug="lea-sfeir")
    koura = Entity.objects.create(name="Koura", slug="koura", kind=Entity.Kind.PLACE)

    def article(title, slug, hours):
        page = make_article(section, title, slug=slug, tags=["Olives"], age=timedelta(hours=hours))
        ArticlePage.authors.through.objects.create(articlepage=page, author=author)
        ArticleEntity.objects.create(article=page, entity=koura)
        return page

    opened = article("Le moulin à huile de Amioun rouvre", "moulin-amioun", 3)
    secret = article("Pénurie d’eau dans le Metn", "penurie-eau-citernes-metn", 1)
    private = article("La récolte des olives dans le Koura", "recolte-olives-koura", 2)
    for order, story in enumerate([secret, private, opened]):
        home.top_stories.add(HomePageTopStory(article=story, sort_order=order))
    home.save_revision().publish()
    for order, pick in enumerate([secret, private]):
        ArticleRelatedLink.objects.create(page=opened, article=pick, sort_order=order)
    now = int(time.time() // 3600)
    counts.add_views({(secret.pk, now): 50, (private.pk, now): 40, (opened.pk, now): 1})

    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="citernes"
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return SimpleNamespace(
        section=section, opened=opened, restricted=[secret, private], author=author
    )


def restricted_shown(html: str, lebanon) -> list[str]:
    """The addresses of the restricted articles that `html` links to."""
    return [article.url for article in lebanon.restricted if article.url in html]


@pytest.mark.parametrize(
    "address",
    ["/", "/liban/", "/sujet/olives/", "/auteurs/lea-sfeir/", "/sujets/koura/"],
    ids=["front-page", "section", "subject", "author", "entity"],
)
def test_listings_leave_restricted_articles_out(client, lebanon, address):
    response = client.get(address)

    assert response.status_code == 200
    html = response.content.decode()
    assert lebanon.opened.url in html
    assert restricted_shown(html, lebanon) == []


def test_front_page_blocks_leave_restricted_articles_out(client, lebanon):
    context = client.get("/").context

    opened = [lebanon.opened.pk]
    assert [article.pk for article in context["top_stories"]] == opened
    assert [article.pk for article in context["latest"]] == opened
    assert [article.pk for article in context["most_read"]] == opened
    # The open article is a top story, shown once: the section has nothing more to show.
    assert context["section_fronts"] == []


def test_restricted_articles_are_not_counted_in_listings(client, lebanon):
    assert 'intro">1 article ·' in client.get("/sujets/koura/").content.decode()
    assert list(client.get("/auteurs/lea-sfeir/").context["listing"]) == [lebanon.opened.pk]
    assert list(client.get("/sujet/olives/").context["listing"]) == [lebanon.opened.pk]


def test_read_also_leaves_restricted_articles_out(client, lebanon, make_article):
    # A fourth article of the section and subject, to be read after the open one.
    other = make_article(lebanon.section, "Les pressoirs du Koura", tags=["Olives"])

    html = client.get(lebanon.opened.url).content.decode()

    related = html[html.index("Lire aussi") :]
    assert other.url in related
    assert restricted_shown(related, lebanon) == []


def test_an_article_made_public_again_is_listed_again(client, lebanon):
    PageViewRestriction.objects.filter(page__in=lebanon.restricted).delete()

    html = client.get("/liban/").content.decode()

    assert all(article.url in html for article in [lebanon.opened, *lebanon.restricted])


def test_a_restricted_section_keeps_its_articles_out_of_the_front_page(
    client, lebanon, make_section, make_article
):
    culture = make_section("Culture")
    opened = make_article(culture, "Le festival de Baalbeck s’ouvre")
    PageViewRestriction.objects.create(
        page=lebanon.section, restriction_type=PageViewRestriction.LOGIN
    )

    html = client.get("/").content.decode()

    assert opened.url in html
    assert lebanon.opened.url not in html


def test_a_restricted_section_lists_its_articles_to_the_readers_it_admits(
    client, lebanon, make_reader
):
    PageViewRestriction.objects.create(
        page=lebanon.section, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get("/liban/").status_code == 302

    client.force_login(make_reader())
    html = client.get("/liban/").content.decode()

    assert lebanon.opened.url in html
    # Behind a password of its own, which the reader has not given.
    assert lebanon.restricted[0].url not in html


def test_an_article_body_links_no_restricted_article(client, lebanon, make_article):
    article = make_article(
        lebanon.section,
        "Les oliveraies du Koura face à la sécheresse",
        body=[("read_also", {"article": story}) for story in [lebanon.opened, *lebanon.restricted]],
    )

    html = client.get(article.url).content.decode()

    inline = html[html.index('class="read-also-inline"') : html.index("</article>")]
    assert lebanon.opened.url in inline
    assert restricted_shown(inline, lebanon) == []
    assert "Pénurie d’eau" not in html


def test_an_article_of_a_restricted_section_leads_to_its_siblings(
    client, lebanon, make_article, make_reader
):
    sibling = make_article(lebanon.section, "Les pressoirs du Koura", tags=["Olives"])
    PageViewRestriction.objects.create(
        page=lebanon.section, restriction_type=PageViewRestriction.LOGIN
    )
    client.force_login(make_reader())

    html = client.get(lebanon.opened.url).content.decode()

    related = html[html.index("Lire aussi") :]
    assert sibling.url in related
    # Each behind a restriction of its own, which the article's readers have not passed.
    assert restricted_shown(related, lebanon) == []
