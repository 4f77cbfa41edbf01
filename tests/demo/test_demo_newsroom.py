"""The demo newsroom that `make run` loads."""

from datetime import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.test import override_settings

from quotidien.audience.models import HourlyViews
from quotidien.demo.loader import DEMO_ACCOUNTS, DEMO_READER, load_demo, read_content
from quotidien.demo.subscriptions import INSTITUTION, SUBSCRIBER
from quotidien.demo.subscriptions import _keep_for_subscribers as keep_for_subscribers
from quotidien.french.typography import typeset_plain
from quotidien.links import page_url
from quotidien.news.models import ArticlePage, HomePage, SectionPage
from quotidien.news.newsroom import EDITORS, JOURNALISTS, MODERATORS, SUBSCRIBER_SERVICE
from quotidien.news.tasks import make_article_renditions
from quotidien.search.indexing import index_articles
from quotidien.search.service import search_articles
from quotidien.subscriptions import institutions
from quotidien.subscriptions.models import Institution, Payment, Plan, Subscription
from tests.renditions import making_renditions
from tests.syndication.paper import SITE_URL, json_ld, open_graph, structured

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for this module, and rolled back after it."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


def test_demo_has_forty_articles_in_the_six_sections(demo):
    sections = {s.slug: s for s in SectionPage.objects.live()}
    syria = sections["syrie"]

    assert ArticlePage.objects.live().count() >= 40
    assert {"liban", "monde", "syrie", "economie", "culture", "sport", "opinion"} <= set(sections)
    assert syria.get_parent().slug == "monde"
    for section in sections.values():
        assert ArticlePage.objects.live().descendant_of(section).exists(), section.title


def test_every_demo_article_has_photo_standfirst_body_and_byline(demo):
    for article in ArticlePage.objects.live().select_related("lead_image", "agency"):
        assert article.standfirst, article.slug
        assert article.lead_image and article.lead_image.caption, article.slug
        assert "/" in article.lead_image.credit, article.slug
        assert article.authors.exists() or article.agency, article.slug
        assert any(block.block_type == "paragraph" for block in article.body), article.slug


def test_demo_articles_link_each_other_inline_and_at_the_end(demo):
    articles = list(ArticlePage.objects.live())
    inline = [a for a in articles if any(b.block_type == "read_also" for b in a.body)]
    picked = [a for a in articles if a.related_links.exists()]

    assert len(inline) >= 10
    assert len(picked) >= 10
    assert HomePage.objects.get().top_stories.count() >= 3


def test_demo_accounts_belong_to_their_groups(demo):
    User = get_user_model()
    groups = {
        username: set(User.objects.get(username=username).groups.values_list("name", flat=True))
        for username, *_ in DEMO_ACCOUNTS
    }

    assert groups["journaliste"] == {JOURNALISTS}
    assert groups["editeur"] == {EDITORS}
    assert groups["moderateur"] == {MODERATORS}
    assert groups["abonnements"] == {SUBSCRIBER_SERVICE}
    assert User.objects.get(username="admin").is_superuser
    assert [(u, p) for u, p, _ in demo.accounts] == [
        *[(u, p) for u, p, *_ in DEMO_ACCOUNTS],
        DEMO_READER[:2],
        SUBSCRIBER[:2],
    ]


def test_loading_the_demo_again_creates_nothing(demo):
    pages = ArticlePage.objects.count()
    rows = [model.objects.count() for model in (Plan, Subscription, Payment, Institution)]

    again = load_demo()

    assert again.created == []
    assert ArticlePage.objects.count() == pages
    assert [model.objects.count() for model in (Plan, Subscription, Payment, Institution)] == rows


def test_demo_content_files_are_consistent():
    newsroom, articles = read_content()
    slugs = [item["slug"] for item in articles]
    sections = {item["slug"] for item in newsroom["sections"]}

    assert len(slugs) == len(set(slugs))
    for item in articles:
        assert item["section"] in sections, item["slug"]
        assert set(item.get("related", [])) <= set(slugs), item["slug"]


def test_demo_shows_comments_at_work(demo):
    from quotidien.comments.models import Comment, Report

    statuses = set(Comment.objects.values_list("status", flat=True))
    commented = Comment.objects.filter(status="published").values("article").distinct().count()

    assert demo.comments >= 60
    assert statuses == {"published", "pending", "rejected"}
    assert commented >= 25
    assert Report.objects.exists()
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert not Comment.objects.filter(status="pending", held_reason="").exists()


def test_a_third_of_the_demo_articles_are_for_subscribers(demo, client):
    articles = list(ArticlePage.objects.live())
    locked = [article for article in articles if article.for_subscribers]
    sections = {s.slug: s for s in SectionPage.objects.all()}

    assert 0.3 <= len(locked) / len(articles) <= 0.4
    # A whole section by default, and articles of other sections one by one.
    assert sections["economie"].access == "subscribers"
    assert {a.get_parent().slug for a in locked} - {"economie"}
    # The front page's top stories stay free: they show what the paper is.
    assert not any(
        link.article.for_subscribers for link in HomePage.objects.get().top_stories.all()
    )
    page = client.get(locked[0].url)
    assert "La suite de cet article est réservée aux abonnés" in page.text


def test_the_demo_index_tells_no_phrase_of_a_subscriber_section_before_a_worker_ran(demo):
    economy = SectionPage.objects.get(slug="economie")
    SectionPage.objects.filter(pk=economy.pk).update(access="free")
    article = ArticlePage.objects.get(slug="dollarisation-etiquettes-prix-commerces")
    index_articles(ids=[article.pk])
    phrase = '"on réimprimait les étiquettes"'
    assert search_articles(query=phrase).count == 1  # free: its whole text is searchable

    # The demo gives the section to subscribers again, with no worker running.
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        keep_for_subscribers()

    assert search_articles(query=phrase).count == 0
    assert search_articles(query="réimprimait").count == 1


def test_demo_plans_are_priced_in_dollars_euros_and_lebanese_pounds(demo):
    plans = Plan.objects.filter(available=True).prefetch_related("prices")

    assert [plan.name for plan in plans] == ["Mensuel", "Annuel", "Étudiant"]
    for plan in plans:
        assert {price.currency for price in plan.prices.all()} == {"USD", "EUR", "LBP"}, plan


def test_demo_subscriber_reads_everything_and_the_reader_does_not(demo, client):
    User = get_user_model()
    subscriber = User.objects.get(username=SUBSCRIBER[0])
    reader = User.objects.get(username=DEMO_READER[0])
    [subscription] = Subscription.objects.giving_access().filter(user=subscriber)
    locked = next(a for a in ArticlePage.objects.live() if a.for_subscribers)

    assert subscription.source == Subscription.Source.MANUAL
    assert subscription.payments.count() == 1
    assert not Subscription.objects.filter(user=reader).exists()
    assert subscriber.check_password(SUBSCRIBER[1])
    client.force_login(subscriber)
    page = client.get(locked.url)
    assert "La suite de cet article est réservée aux abonnés" not in page.text
    assert "Offrir cet article" in page.text


def test_demo_university_range_is_there_but_off(demo):
    institution = Institution.objects.get(name=INSTITUTION)
    [address_range] = institution.ranges.all()

    assert address_range.network == "127.0.0.1/32"
    assert not address_range.active
    assert "activez cette plage" in address_range.note.lower()
    assert institutions.institution_at("127.0.0.1") is None


def test_load_demo_prints_the_reader_and_subscriber_logins(demo):
    out = StringIO()

    call_command("load_demo", stdout=out)

    printed = out.getvalue()
    for email, password, *_ in (DEMO_READER, SUBSCRIBER):
        assert f"{email} / {password} — " in printed
    assert "sans abonnement" in printed
    assert "127.0.0.1/32" in printed


def test_demo_front_page_shows_the_most_read_articles_once_loaded(demo, client):
    html = client.get("/").content.decode()
    most_read = html[html.index('id="les-plus-lus"') :]
    most_read = most_read[: most_read.index("</ol>")]

    assert most_read.count("<li") == 5
    # The most read first, its title set in French typography.
    assert most_read.index("l’hiver s’installe") < most_read.index("Port de Beyrouth")


def test_loading_the_demo_again_counts_no_more_readers(demo):
    before = HourlyViews.objects.aggregate(total=Sum("views"))["total"]

    load_demo()

    assert HourlyViews.objects.aggregate(total=Sum("views"))["total"] == before


# The structured data and social cards of a demo article (its photo, its authors).
NEWS_ARTICLE = {
    "headline",
    "description",
    "image",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "articleSection",
    "isAccessibleForFree",
    "mainEntityOfPage",
}


def test_demo_article_carries_news_article_open_graph_and_twitter_card(client, demo, settings):
    settings.WAGTAILADMIN_BASE_URL = SITE_URL
    settings.WAGTAIL_SITE_NAME = "Quotidien"
    article = (
        ArticlePage.objects.live()
        .filter(lead_image__isnull=False, authors__isnull=False)
        .order_by("-first_published_at")
        .first()
    )
    with making_renditions():
        make_article_renditions.call(article.pk)  # as the worker does once it is published
    url = page_url(article)

    data = structured(client, article.url)

    news = json_ld(data, "NewsArticle")
    assert NEWS_ARTICLE <= set(news)
    assert news["headline"] == article.title
    assert news["description"] == article.standfirst
    assert news["mainEntityOfPage"]["@id"] == url
    assert datetime.fromisoformat(news["datePublished"]) == article.first_published_at
    assert news["dateModified"] >= news["datePublished"]
    [image] = news["image"]
    assert image["url"].startswith(f"{SITE_URL}/media/images/")
    assert (image["width"], image["height"]) == (1200, 675)
    assert {author["name"] for author in news["author"]} >= {
        author.name for author in article.authors.all()
    }
    assert news["publisher"]["name"] == "Quotidien"
    assert news["publisher"]["logo"]["url"].startswith(f"{SITE_URL}/static/img/logo")
    assert news["articleSection"] == article.get_parent().title
    assert news["isAccessibleForFree"] is True

    og = open_graph(data)
    assert og["og:type"] == ["article"]
    # As the page sets it: « d’Achrafieh », a narrow space before « : ».
    assert og["og:title"] == [typeset_plain(article.title)]
    assert og["og:description"] == [article.standfirst]
    assert og["og:url"] == [url]
    assert og["og:image"] == [image["url"]]
    assert (og["og:image:width"], og["og:image:height"]) == (["1200"], ["675"])
    assert og["article:published_time"] == [news["datePublished"]]
    assert og["article:modified_time"] == [news["dateModified"]]
    assert og["article:section"] == [news["articleSection"]]
    assert sorted(og["article:tag"]) == sorted(tag.name for tag in article.tags.all())
    assert data["twitter"]["twitter:card"] == "summary_large_image"
    assert data["twitter"]["twitter:image"] == image["url"]
    assert data["canonical"] == [url]
    assert data["description"] == [article.standfirst]
