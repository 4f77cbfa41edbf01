"""Corrections on the article, in its structured data, on the corrections page and feed."""

import json
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.core.cache import caches
from django.template import Context, Template
from django.test import Client
from django.utils import timezone
from wagtail.models import PageLogEntry, PageViewRestriction

from quotidien.corrections import services
from quotidien.corrections.models import Correction
from quotidien.news.models import Access
from quotidien.syndication.meta import iso

pytestmark = pytest.mark.django_db
BEIRUT = ZoneInfo("Asia/Beirut")


def seen(html: str) -> str:
    """The page's text as a reader reads it: no tags, every kind of space a space."""
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def json_ld(html: str, kind: str) -> dict:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} in the page")


def published_in_2016(article):
    """`article` as first published on 6 December 2016, before the corrections dated the 7th."""
    type(article).objects.filter(pk=article.pk).update(
        first_published_at=datetime(2016, 12, 6, 9, 0, tzinfo=BEIRUT)
    )
    article.refresh_from_db()
    return article


def test_correction_shows_at_the_end_of_the_article_with_its_french_date(client, article, editor):
    published_in_2016(article)
    revisions = article.revisions.count()
    services.add_correction(
        article=article,
        text="Le barrage contient 220 millions de mètres cubes, non 120.",
        published_at=datetime(2016, 12, 7, 10, 0, tzinfo=BEIRUT),
        by=editor,
    )

    text = seen(client.get(article.url).content.decode())

    # A sentence after a period keeps its capital, as French writes it.
    assert "Rectificatif du 7 décembre 2016. Le barrage contient 220 millions" in text
    # The section's heading (for screen readers) counts them.
    assert text.count("Rectificatif") == 2 and "Rectificatifs" not in text
    # The history stays: no new revision, an entry in the page's history instead.
    assert article.revisions.count() == revisions
    logged = PageLogEntry.objects.get(page=article, action=services.ADDED)
    assert logged.user == editor and logged.message == "Rectificatif ajouté"


def test_a_subscriber_article_s_teaser_shows_its_corrections(
    client, home, make_section, make_article, editor
):
    economy = make_section("Économie", slug="economie", access=Access.SUBSCRIBERS)
    article = make_article(
        economy,
        "La livre perd encore du terrain",
        body=[("paragraph", "<p>Premier paragraphe.</p>"), ("paragraph", "<p>Réservé.</p>")],
    )
    services.add_correction(article=article, text="Le taux cité datait de la veille.", by=editor)

    text = seen(client.get(article.url).content.decode())

    assert "Réservé." not in text
    assert "Le taux cité datait de la veille." in text


def test_date_modified_is_the_latest_correction(client, article, editor):
    correction = services.add_correction(article=article, text="Une précision.", by=editor)

    html = client.get(article.url).content.decode()

    assert json_ld(html, "NewsArticle")["dateModified"] == iso(correction.published_at)
    assert "Mis à jour le" in html


def test_a_correction_minutes_after_publication_shows_no_second_date(
    client, make_section, make_article, editor
):
    """« Publié le … à 7 h 34 · Mis à jour le … à 7 h 34 » would say nothing: within the
    minutes an article is republished without counting as updated, a correction does not
    either. It shows at the end of the article with its own date."""
    fresh = make_article(make_section("Monde"), "Le Nil en crue", age=timedelta(minutes=2))
    services.add_correction(article=fresh, text="Une précision.", by=editor)

    html = client.get(fresh.url).content.decode()

    assert "Mis à jour le" not in html
    assert "Une précision." in html


def test_sitemap_gives_the_latest_correction_as_the_article_s_last_change(client, article, editor):
    correction = services.add_correction(article=article, text="Une précision.", by=editor)

    articles = client.get("/sitemap-articles.xml").content.decode()

    lastmod = correction.published_at.astimezone(UTC).isoformat()
    assert f"<lastmod>{lastmod}</lastmod>" in articles


def test_a_correction_changes_the_sitemaps_a_crawler_asks_again_for(client, article, editor):
    before = {url: client.get(url)["ETag"] for url in ("/sitemap.xml", "/sitemap-articles.xml")}

    services.add_correction(article=article, text="Une précision.", by=editor)

    for url, etag in before.items():
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200, url


def test_corrections_page_lists_newest_first_and_its_feed_links_to_each(
    client, article, make_article, editor
):
    other = make_article(article.get_parent().specific, "Les écoles rouvrent à Tripoli")
    older = services.add_correction(
        article=article,
        text="Le nom du ministre était mal orthographié.",
        published_at=timezone.now() - timezone.timedelta(days=1),
        by=editor,
    )
    newer = services.add_correction(
        article=other,
        kind=Correction.Kind.CLARIFICATION,
        text="Les cours reprennent lundi.",
        by=editor,
    )

    html = client.get("/corrections/").content.decode()
    feed = feedparser.parse(client.get("/corrections/rss/").content)

    assert html.index("Les écoles rouvrent") < html.index("Le barrage de Qaraoun")
    assert f'{other.url}#{newer.anchor}"' in html
    assert [entry.link.rsplit("#", 1)[1] for entry in feed.entries] == [
        newer.anchor,
        older.anchor,
    ]
    assert feed.entries[0].title == "Précision : Les écoles rouvrent à Tripoli"
    assert client.get("/corrections/?page=abc").status_code == 404


def test_every_page_links_to_the_corrections_and_articles_to_the_reply_form(client, article):
    html = client.get(article.url).content.decode()

    assert 'href="/corrections/"' in html
    assert f'href="/droit-de-reponse/?article={article.pk}"' in html


def test_a_correction_outdates_its_article_and_the_corrections_page(
    settings, article, editor, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    for url in (article.url, "/corrections/", article.url, "/corrections/"):
        Client().get(url)
    assert Client().get(article.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        services.add_correction(article=article, text="Une erreur de date.", by=editor)

    response = Client().get(article.url)
    assert response["X-Page-Cache"] == "miss" and "Une erreur de date." in response.content.decode()
    assert Client().get("/corrections/")["X-Page-Cache"] == "miss"


def test_a_restricted_article_s_corrections_stay_with_it(client, article, make_article, editor):
    private = make_article(article.get_parent().specific, "Note interne de la rédaction")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    services.add_correction(article=private, text="Un chiffre confidentiel corrigé.", by=editor)
    services.add_correction(article=article, text="Une date corrigée.", by=editor)

    listing = client.get("/corrections/").content.decode()
    feed = client.get("/corrections/rss/").content.decode()
    form = client.get(f"/droit-de-reponse/?article={private.pk}").content.decode()
    sent = client.post("/droit-de-reponse/", {"article": private.url})

    for page in (listing, feed):
        assert "Une date corrigée." in page
        assert "Note interne" not in page and "confidentiel" not in page
    assert private.url not in form
    assert "Nous ne trouvons pas cet article" in sent.content.decode()


def test_a_reply_shows_under_its_own_heading_apart_from_the_corrections(client, article, editor):
    services.add_correction(article=article, text="Le barrage date de 1959.", by=editor)
    services.add_correction(
        article=article,
        kind=Correction.Kind.REPLY,
        requester_name="Élie Sfeir",
        text="Je n’ai jamais dirigé l’Office du Litani.",
        by=editor,
    )

    html = client.get(article.url).content.decode()
    listing = seen(client.get("/corrections/").content.decode())

    corrections = re.search(r'<section class="corrections".*?</section>', html, re.S).group()
    replies = re.search(r'<section class="corrections replies".*?</section>', html, re.S).group()
    assert "1959" in corrections and "Litani" not in corrections
    # A reader sees, and a screen reader announces, a reply as a reply: not a correction.
    heading = re.search(r"<h2[^>]*>(.*?)</h2>", replies).group()
    assert "Droit de réponse" in heading and "visually-hidden" not in heading
    assert "Litani" in replies and "Réponse d’Élie Sfeir" in seen(replies)
    assert "Droit de réponse d’Élie Sfeir" in listing
    assert "ne vaut pas reconnaissance d’une erreur" in listing


def test_the_dateline_says_when_the_article_was_corrected(article, editor):
    dateline = Template("{% load corrections_tags %}{% article_corrected article %}")
    services.add_correction(
        article=article,
        kind=Correction.Kind.REPLY,
        requester_name="Élie Sfeir",
        text="Une réponse ne corrige rien.",
        by=editor,
    )
    assert not dateline.render(Context({"article": article})).strip()

    published_in_2016(article)
    correction = services.add_correction(
        article=article,
        text="Le barrage date de 1959.",
        published_at=datetime(2016, 12, 7, 10, 0, tzinfo=BEIRUT),
        by=editor,
    )

    html = dateline.render(Context({"article": article}))
    assert "Article rectifié le 7 décembre 2016" in seen(html)
    assert f'href="#{correction.anchor}"' in html
