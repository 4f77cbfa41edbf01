"""The paywall on the article page: who reads a subscriber article in full, what the others
see, and that the locked text never reaches them, from the page cache neither."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import caches
from django.utils import timezone
from lxml import html as lxml_html

from quotidien.news.models import Access
from quotidien.subscriptions import gifts
from quotidien.subscriptions.models import (
    Institution,
    IPRange,
    MeteredRead,
)
from tests.subscriptions.running import subscribe

LOCKED = "Le détail des contrats du port reste confidentiel"
FIRST = "Les dockers ont repris le travail lundi matin"


@pytest.fixture
def locked_article(economy, make_article):
    return make_article(
        economy,
        "Le port de Beyrouth sous tension",
        body=[
            ("paragraph", f"<p>{FIRST}, après trois jours de grève.</p>"),
            ("subheading", "Des contrats opaques"),
            ("paragraph", f"<p>{LOCKED}, selon nos sources.</p>"),
        ],
    )


def test_anonymous_reader_gets_the_teaser_and_the_offer(client, locked_article, plan):
    page = client.get(locked_article.url).content.decode()
    assert FIRST in page
    # The sentence ends the teaser: its full stop gives way to the ellipsis (no « . … »).
    assert f"{FIRST}, après trois jours de grève…" in page
    assert LOCKED not in page
    assert "Des contrats opaques" not in page
    assert "S’abonner" in page and "Se connecter" in page
    assert "Mensuel" in page and "10\u00a0USD" in page and "9\u00a0EUR" in page
    assert "Abonnés" in page


def test_every_plan_of_the_offer_box_puts_its_price_under_its_name(client, locked_article, plan):
    from quotidien.subscriptions.models import Plan, Price

    student = Plan.objects.create(name="Étudiant", slug="etudiant", sort_order=3)
    Price.objects.create(plan=student, currency="USD", amount=4)
    plans = paywall_box(client.get(locked_article.url)).xpath(".//li")
    # Whatever the length of the prices: the name, a line break, then the prices.
    assert [
        [
            (child.tag, child.text_content().strip()[:8])
            for child in item.find_class("paywall__offer")[0]
        ]
        for item in plans
    ] == [
        [("strong", "Mensuel"), ("br", ""), ("span", "10\u00a0USD p")],
        [("strong", "Étudiant"), ("br", ""), ("span", "4\u00a0USD pa")],
    ]


def test_the_teaser_can_end_after_a_number_of_words(client, locked_article, settings):
    settings.QUOTIDIEN_TEASER_WORDS = 4
    page = client.get(locked_article.url).content.decode()
    assert "Les dockers ont repris…" in page
    assert "le travail" not in page


def test_an_article_may_be_free_in_a_subscribers_section(client, economy, make_article):
    article = make_article(
        economy,
        access=Access.FREE,
        body=[("paragraph", f"<p>{FIRST}.</p>"), ("paragraph", f"<p>{LOCKED}.</p>")],
    )
    assert LOCKED in client.get(article.url).content.decode()


def test_sub_sections_inherit_and_articles_may_lock_themselves(
    client, economy, make_section, make_article
):
    banks = make_section("Banques", parent=economy)
    inherited = make_article(
        banks, body=[("paragraph", f"<p>{FIRST}.</p>"), ("paragraph", f"<p>{LOCKED}.</p>")]
    )
    assert inherited.for_subscribers
    free_section = make_section("Sport")
    locked = make_article(
        free_section,
        access=Access.SUBSCRIBERS,
        body=[("paragraph", f"<p>{FIRST}.</p>"), ("paragraph", f"<p>{LOCKED}.</p>")],
    )
    assert LOCKED not in client.get(locked.url).content.decode()


def test_subscriber_reads_it_all_and_the_page_is_private(client, locked_article, plan, make_reader):
    reader = make_reader()
    subscribe(reader, plan)
    client.force_login(reader)
    response = client.get(locked_article.url)
    assert LOCKED in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "Offrir cet article" in response.content.decode()


def test_an_expired_subscription_opens_nothing(client, locked_article, plan, make_reader, settings):
    settings.QUOTIDIEN_METER_PER_MONTH = 0
    reader = make_reader()
    subscribe(reader, plan, days=-1)
    client.force_login(reader)
    assert LOCKED not in client.get(locked_article.url).content.decode()


@pytest.mark.django_db
def test_the_locked_text_never_comes_from_the_page_cache(
    client, locked_article, plan, make_reader, settings
):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    reader = make_reader()
    subscribe(reader, plan)
    subscriber = client.__class__()
    subscriber.force_login(reader)
    # A subscriber reads first, then anonymous readers come: twice, the second from the cache.
    assert LOCKED in subscriber.get(locked_article.url).content.decode()
    first = client.get(locked_article.url)
    second = client.get(locked_article.url)
    assert second["X-Page-Cache"] == "hit"
    for response in (first, second):
        assert LOCKED not in response.content.decode()
    # After an edit and publication, the cached teaser is renewed, still without the rest.
    revision = locked_article.save_revision()
    revision.publish()
    assert LOCKED not in client.get(locked_article.url).content.decode()


def test_meter_opens_n_articles_a_month_and_says_how_many_are_left(
    client, economy, make_article, make_reader, settings
):
    settings.QUOTIDIEN_METER_PER_MONTH = 2
    articles = [
        make_article(
            economy,
            body=[("paragraph", f"<p>{FIRST}.</p>"), ("paragraph", f"<p>{LOCKED} {n}.</p>")],
        )
        for n in range(3)
    ]
    reader = make_reader()
    client.force_login(reader)
    first = client.get(articles[0].url).content.decode()
    assert f"{LOCKED} 0" in first and "il vous en reste 1 à lire ce mois-ci" in first
    # Reading the same article again costs nothing.
    assert "il vous en reste 1" in client.get(articles[0].url).content.decode()
    second = client.get(articles[1].url).content.decode()
    assert f"{LOCKED} 1" in second and "il vous en reste" not in second
    assert "C’était votre dernier article offert ce mois-ci." in second
    third = client.get(articles[2].url).content.decode()
    # Opened again, an article read already says so: it did not spend the last one.
    for article in articles[:2]:
        again = client.get(article.url).content.decode()
        assert "Vous avez déjà lu cet article ce mois-ci ; il ne vous reste plus" in again
        assert "C’était votre dernier" not in again
    assert f"{LOCKED} 2" not in third
    assert "Vous avez lu les 2 articles offerts ce mois-ci." in third
    assert MeteredRead.objects.filter(user=reader).count() == 2


def test_meter_set_to_zero_opens_nothing(client, locked_article, make_reader, settings):
    settings.QUOTIDIEN_METER_PER_MONTH = 0
    assert "Créez un compte gratuit" not in client.get(locked_article.url).content.decode()
    client.force_login(make_reader())
    assert LOCKED not in client.get(locked_article.url).content.decode()
    assert not MeteredRead.objects.exists()


def test_offer_box_tells_anonymous_readers_a_free_account_opens_articles(
    client, economy, make_article, locked_article, plan, make_reader, settings
):
    settings.QUOTIDIEN_METER_PER_MONTH = 3
    box = paywall_box(client.get(locked_article.url))
    assert "Créez un compte gratuit : 3 articles abonnés offerts par mois." in box.text_content()
    (signup,) = box.xpath(".//a[starts-with(@href, '/compte/inscription/')]")
    assert signup.text_content() == "Créez un compte gratuit"
    # A reader with an account, their month's articles read, is not asked to make one.
    settings.QUOTIDIEN_METER_PER_MONTH = 1
    reader = make_reader()
    MeteredRead.objects.create(user=reader, article=make_article(economy))
    client.force_login(reader)
    box = paywall_box(client.get(locked_article.url))
    assert "Vous avez lu l’article offert ce mois-ci." in box.text_content()
    assert "Créez un compte gratuit" not in box.text_content()


def paywall_box(response):
    (box,) = lxml_html.fromstring(response.content).xpath("//section[contains(@class, 'paywall')]")
    return box


def test_gift_link_opens_the_article_to_anyone_for_seven_days(
    client, locked_article, plan, make_reader, settings
):
    settings.QUOTIDIEN_GIFTS_PER_MONTH = 1
    giver = make_reader()
    subscribe(giver, plan)
    sender = client.__class__()
    sender.force_login(giver)
    page = sender.post(locked_article.url + "offrir/").content.decode()
    document = lxml_html.fromstring(page)
    link = document.get_element_by_id("lien-cadeau").text_content().strip()
    assert "?cadeau=" in link
    # « Copier le lien » beside it, by the share links' own script.
    (copy,) = document.xpath("//button[@data-share-copy]")
    assert copy.get("data-share-copy") == link and copy.text_content() == "Copier le lien"
    assert document.xpath("//script[contains(@src, 'js/share')]")
    assert link.startswith(settings.WAGTAILADMIN_BASE_URL + locked_article.url)
    path = link.removeprefix(settings.WAGTAILADMIN_BASE_URL)
    response = client.get(path)
    assert LOCKED in response.content.decode()
    assert "Un abonné vous offre cet article." in response.content.decode()
    assert "private" in response["Cache-Control"]
    # A forged or altered token opens nothing, and its page stays the link's own: no
    # shared cache may keep it for the article's address with another token.
    forged = client.get(path[:-2] + "xx")
    assert LOCKED not in forged.content.decode()
    assert "private" in forged["Cache-Control"]
    # Seven days later it has run out.
    from quotidien.subscriptions.models import GiftLink

    GiftLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = client.get(path)
    assert LOCKED not in expired.content.decode()
    # The reader is told why, and still offered to subscribe.
    box = paywall_box(expired)
    assert "Ce lien cadeau a expiré" in box.text_content()
    assert "private" in expired["Cache-Control"]
    assert "S’abonner" in box.text_content() and "Mensuel" in box.text_content()
    # A link that was never a gift says nothing of the kind.
    assert "Ce lien cadeau" not in client.get(path[:-2] + "xx").content.decode()


def test_gift_link_runs_its_days_even_if_the_givers_subscription_ends(
    client, locked_article, plan, make_reader
):
    giver = make_reader()
    subscription = subscribe(giver, plan)
    gift = gifts.offer(sender=giver, article=locked_article)
    subscription.current_period_end = timezone.now() - timedelta(seconds=1)
    subscription.save()
    link = f"{locked_article.url}?{gifts.PARAMETER}={gifts.token_for(gift)}"
    assert LOCKED in client.get(link).content.decode()


def test_only_a_reader_opening_the_gift_link_counts_as_an_opening(
    client, locked_article, plan, make_reader
):
    giver = make_reader()
    subscribe(giver, plan)
    gift = gifts.offer(sender=giver, article=locked_article)
    token = f"?{gifts.PARAMETER}={gifts.token_for(gift)}"
    # A link checker, a browser fetching it ahead, an app through the API: not an opening.
    client.head(locked_article.url + token)
    client.get(locked_article.url + token, HTTP_SEC_PURPOSE="prefetch")
    api = client.get(f"/api/v1/articles/{locked_article.pk}/{token}").json()
    assert not api["locked"]
    for _ in range(2):
        assert LOCKED in client.get(locked_article.url + token).content.decode()
    gift.refresh_from_db()
    assert gift.opened == 2


def test_a_prefetched_gift_link_is_declined_so_that_opening_it_counts(
    client, locked_article, plan, make_reader
):
    giver = make_reader()
    subscribe(giver, plan)
    gift = gifts.offer(sender=giver, article=locked_article)
    link = f"{locked_article.url}?{gifts.PARAMETER}={gifts.token_for(gift)}"
    prefetched = client.get(link, HTTP_SEC_PURPOSE="prefetch")
    fetched_ahead = client.get(link, HTTP_PURPOSE="prefetch")

    # As the meter's: the browser drops it, and asks again when the reader opens the link.
    assert [prefetched.status_code, fetched_ahead.status_code] == [503, 503]
    assert "no-store" in prefetched["Cache-Control"]
    assert LOCKED not in prefetched.content.decode() + fetched_ahead.content.decode()
    opened = client.get(link)
    assert opened.status_code == 200 and LOCKED in opened.content.decode()
    gift.refresh_from_db()
    assert gift.opened == 1


def test_gift_allowance_is_counted_per_month(
    client, economy, make_article, plan, make_reader, settings
):
    settings.QUOTIDIEN_GIFTS_PER_MONTH = 1
    giver = make_reader()
    subscribe(giver, plan)
    client.force_login(giver)
    first, second = make_article(economy), make_article(economy)
    client.post(first.url + "offrir/")
    response = client.post(second.url + "offrir/", follow=True)
    assert "Vous avez déjà offert 1 article ce mois-ci" in response.content.decode()
    # The gift page says so in place of its button.
    page = client.get(second.url + "offrir/").content.decode()
    assert "Vous avez déjà offert 1 article ce mois-ci" in page
    assert "Créer le lien cadeau" not in page


def test_reader_without_subscription_cannot_make_gift_links(
    client, locked_article, make_reader, settings
):
    client.force_login(make_reader())
    response = client.post(locked_article.url + "offrir/", follow=True)
    assert "réservés aux abonnés" in response.content.decode()


def test_gift_page_offers_no_button_to_a_reader_without_subscription(
    client, locked_article, economy, make_article, make_reader, settings
):
    client.force_login(make_reader())
    free = make_article(economy, access=Access.FREE)
    pages = {}
    for article, said in (
        (locked_article, "Les liens cadeaux sont réservés aux abonnés."),
        (free, "Cet article est en accès libre : partagez simplement son adresse."),
    ):
        page = lxml_html.fromstring(client.get(article.url + "offrir/").content)
        (pages[article.pk],) = page.xpath("//section[contains(@class, 'gift')]")
        assert said in pages[article.pk].text_content()
        assert "à offrir ce mois-ci" not in pages[article.pk].text_content()
        assert not pages[article.pk].xpath(".//form")
    (invitation,) = pages[locked_article.pk].xpath(".//a[@href='/abonnement/']")
    assert invitation.text_content() == "Voir les offres"
    # The free article's own address, to copy.
    (copy,) = pages[free.pk].xpath(".//button[@data-share-copy]")
    assert copy.get("data-share-copy") == settings.WAGTAILADMIN_BASE_URL + free.url


def test_institution_range_opens_articles_without_login_and_never_a_cached_teaser(
    client, locked_article, settings
):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    # Outside: the teaser, now in the cache.
    assert LOCKED not in client.get(locked_article.url, REMOTE_ADDR="198.51.100.7").content.decode()
    university = Institution.objects.create(name="Université de la Montagne")
    IPRange.objects.create(institution=university, network="192.0.2.0/24")
    inside = client.get(locked_article.url, REMOTE_ADDR="192.0.2.44")
    assert LOCKED in inside.content.decode()
    assert "Accès offert par Université de la Montagne." in inside.content.decode()
    assert inside.get("X-Page-Cache") != "hit"
    # A range switched off opens nothing any more.
    IPRange.objects.update(active=False)
    IPRange.objects.get().save()
    assert LOCKED not in client.get(locked_article.url, REMOTE_ADDR="192.0.2.44").content.decode()


def test_logging_in_from_a_gift_link_comes_back_to_the_gift(
    client, locked_article, plan, make_reader, settings
):
    # Under the page cache, which writes the page's address from the parameters it reads.
    settings.PAGE_CACHE = True
    giver = make_reader()
    subscribe(giver, plan)
    gift = gifts.offer(sender=giver, article=locked_article)
    token = gifts.token_for(gift)

    page = client.get(locked_article.url, {gifts.PARAMETER: token, "zz": "POISON"})

    login = lxml_html.fromstring(page.content).xpath("//a[text()='Se connecter']/@href")[0]
    (back,) = parse_qs(urlsplit(login).query)["next"]
    assert parse_qs(urlsplit(back).query) == {gifts.PARAMETER: [token]}
    assert urlsplit(back).path == locked_article.url


@pytest.mark.parametrize("gift_first", [True, False])
def test_a_repeated_gift_parameter_is_read_as_its_last_value_everywhere(
    client, locked_article, plan, make_reader, settings, gift_first
):
    """The page and the addresses it writes agree on one value, the last, as Django's
    QueryDict.get reads it; and the page says whether a cache may keep it."""
    settings.PAGE_CACHE = True
    giver = make_reader()
    subscribe(giver, plan)
    token = gifts.token_for(gifts.offer(sender=giver, article=locked_article))
    values = [token, "pas-un-cadeau"] if gift_first else ["pas-un-cadeau", token]

    page = client.get(f"{locked_article.url}?" + "&".join(f"cadeau={v}" for v in values))

    login = lxml_html.fromstring(page.content).xpath("//a[text()='Se connecter']/@href")[0]
    (back,) = parse_qs(urlsplit(login).query)["next"]
    if gift_first:  # the teaser, as a made-up gift gets it
        assert LOCKED not in page.content.decode()
        assert "private" not in page["Cache-Control"] and "max-age" in page["Cache-Control"]
        assert back == locked_article.url
    else:  # the gift
        assert LOCKED in page.content.decode()
        assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
        assert parse_qs(urlsplit(back).query) == {gifts.PARAMETER: [token]}
