"""The demo's subscriptions: three plans priced in dollars, euros and Lebanese pounds, a
third of the articles kept for subscribers, a subscriber paid up by hand, and a university
whose address range is there to switch on.

Like the rest of the demo, loading again creates nothing new and leaves alone what the
newsroom or the Service abonnés changed since.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from quotidien.news.models import Access, ArticlePage, SectionPage
from quotidien.search.indexing import index_articles
from quotidien.subscriptions import services
from quotidien.subscriptions.models import (
    Currency,
    Institution,
    IPRange,
    Payment,
    Plan,
    Price,
    Subscription,
)


@dataclass(frozen=True)
class DemoPlan:
    slug: str
    name: str
    interval: str
    description: str
    prices: dict[str, str]


# Lebanese pounds at about 89 500 to the dollar, rounded as a cashier would.
PLANS = [
    DemoPlan(
        "mensuel",
        "Mensuel",
        Plan.Interval.MONTH,
        "Tous les articles, sur le site et dans les applications ; sans engagement.",
        {Currency.USD: "12", Currency.EUR: "11", Currency.LBP: "1075000"},
    ),
    DemoPlan(
        "annuel",
        "Annuel",
        Plan.Interval.YEAR,
        "Une année de lecture pour le prix de dix mois.",
        {Currency.USD: "120", Currency.EUR: "110", Currency.LBP: "10750000"},
    ),
    DemoPlan(
        "etudiant",
        "Étudiant",
        Plan.Interval.MONTH,
        "Sur présentation d’une carte d’étudiant de l’année en cours.",
        {Currency.USD: "5", Currency.EUR: "5", Currency.LBP: "450000"},
    ),
]

# Économie is a subscribers' section, all but its daily exchange-rate story, a public
# service left open; nine articles of the other sections are for subscribers one by one.
# None of them is a top story or among the newest, which the free front page shows whole.
SUBSCRIBER_SECTIONS = ("economie",)
FREE_ARTICLES = ("livre-libanaise-stabilite-bureaux-de-change",)
SUBSCRIBER_ARTICLES = (
    "elections-municipales-listes-villages",
    "generateurs-compteurs-municipalite-metn",
    "secheresse-bassin-mediterraneen-agriculture",
    "electricite-syrie-panneaux-solaires-homs",
    "opinion-electricite-droit-pas-faveur",
    "opinion-refugies-retour-dignite",
    "roman-maison-volets-bleus-nour-harfouche",
    "restauration-thermes-romains-qasr-el-nahr",
    "saison-ski-stations-enneigement-montagne",
)

# Email, password, what the account shows, display name (as loader.DEMO_READER).
SUBSCRIBER = (
    "abonne@example.org",
    "quotidien-abonne",
    "abonné (Annuel, payé en espèces) : les articles abonnés en entier, les liens cadeaux, "
    "« Mon abonnement » (/compte/abonnement/)",
    "Leïla Mansour",
)
SUBSCRIBER_PLAN = ("annuel", Currency.USD, Payment.Method.CASH)

INSTITUTION = "Université de démonstration"
INSTITUTION_RANGE = "127.0.0.0/8"
INSTITUTION_RANGE_NOTE = "Activez cette plage pour essayer l’accès par adresse."


def load_demo_subscriptions(*, clerk) -> list[str]:
    """Plans, subscriber articles, the demo subscriber and the university; returns what the
    demo's logins list says about trying them. `clerk` records the manual subscription."""
    if _ensure_plans():
        # Only when the offer first appears: an editor's later choices of access stay.
        _keep_for_subscribers()
    _ensure_subscriber(clerk)
    institution = _ensure_institution()
    return [
        f"Offres : {', '.join(plan.name for plan in PLANS)}, en USD, EUR et LBP (/abonnement/).",
        f"Accès par adresse : « {institution.name} » a la plage {INSTITUTION_RANGE}, "
        "inactive ; activez cette plage pour essayer l’accès par adresse "
        "(Abonnements › Institutions).",
    ]


def _ensure_plans() -> bool:
    """Create the plans missing; whether any was."""
    created_any = False
    for order, item in enumerate(PLANS):
        plan, created = Plan.objects.get_or_create(
            slug=item.slug,
            defaults={
                "name": item.name,
                "interval": item.interval,
                "description": item.description,
                "sort_order": order,
            },
        )
        if created:
            Price.objects.bulk_create(
                Price(plan=plan, currency=currency, amount=Decimal(amount))
                for currency, amount in item.prices.items()
            )
            created_any = True
    return created_any


def _keep_for_subscribers() -> None:
    """Set the access of the demo's subscriber sections and articles, as an editor would:
    a published revision each, the articles' dates kept as the demo set them."""
    wanted = [
        *(
            (page, Access.SUBSCRIBERS)
            for page in SectionPage.objects.filter(slug__in=SUBSCRIBER_SECTIONS)
        ),
        *(
            (page, Access.SUBSCRIBERS)
            for page in ArticlePage.objects.filter(slug__in=SUBSCRIBER_ARTICLES)
        ),
        *((page, Access.FREE) for page in ArticlePage.objects.filter(slug__in=FREE_ARTICLES)),
    ]
    republished = []
    for page, access in wanted:
        # A draft waiting on the page is the newsroom's: publishing over it would lose it.
        if page.access == access or page.has_unpublished_changes:
            continue
        dates = {
            "last_published_at": page.last_published_at,
            "latest_revision_created_at": page.latest_revision_created_at,
        }
        page.access = access
        page.save_revision().publish()
        type(page).objects.filter(pk=page.pk).update(**dates)
        if isinstance(page, ArticlePage):
            republished.append(page.pk)
    # Publishing indexed them again with the day's date.
    index_articles(ids=republished)


def _ensure_subscriber(clerk) -> None:
    """The demo subscriber, with a running manual subscription paid in cash: opened again
    only once the last one has run out, so a cancellation tried in the demo stays."""
    email, password, _label, display_name = SUBSCRIBER
    user, created = get_user_model().objects.get_or_create(
        username=email,
        defaults={
            "email": email,
            "display_name": display_name,
            "date_joined": timezone.now() - timedelta(days=400),
        },
    )
    if created:
        user.set_password(password)
        user.save()
    if Subscription.objects.giving_access().filter(user=user).exists():
        return
    slug, currency, method = SUBSCRIBER_PLAN
    services.activate(
        user=user,
        plan=Plan.objects.get(slug=slug),
        currency=currency,
        method=method,
        note="Abonnement de démonstration, réglé en espèces à l’accueil du journal.",
        by=clerk,
    )


def _ensure_institution() -> Institution:
    institution, created = Institution.objects.get_or_create(
        name=INSTITUTION,
        defaults={
            "contact": "Bibliothèque universitaire, service des ressources numériques",
            "note": "Institution de démonstration : ses lecteurs lisent tout depuis le campus.",
        },
    )
    if created:
        # Inactive: every visitor of a local demo comes from the loopback address, and
        # would otherwise read everything without logging in.
        IPRange.objects.create(
            institution=institution,
            network=INSTITUTION_RANGE,
            active=False,
            note=INSTITUTION_RANGE_NOTE,
        )
    return institution
