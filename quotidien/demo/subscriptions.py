"""The demo's subscriptions: three plans priced in dollars, euros and Lebanese pounds, a
third of the articles kept for subscribers, a subscriber paid up by hand, and a university
whose address range is there to switch on.

Like the rest of the demo, loading again creates nothing new and leaves alone what the
newsroom or the Service abonnés changed since.
"""

import tomllib
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from quotidien.news.models import Access, ArticlePage, SectionPage
from quotidien.search.indexing import index_articles
from quotidien.subscriptions import services
from quotidien.subscriptions.models import Institution, IPRange, Plan, Price, Subscription

CONTENT = tomllib.loads(
    (Path(__file__).parent / "content" / "subscriptions.toml").read_text(encoding="utf-8")
)
PLANS = CONTENT["plans"]
ACCESS = CONTENT["access"]
# Email, password, what the account shows, display name (as loader.DEMO_READER).
SUBSCRIBER = tuple(
    CONTENT["subscriber"][key] for key in ("email", "password", "label", "display_name")
)
INSTITUTION = CONTENT["institution"]["name"]


def load_demo_subscriptions(*, clerk) -> list[str]:
    """Plans, subscriber articles, the demo subscriber and the university; returns what the
    demo's logins list says about trying them. `clerk` records the manual subscription."""
    if _ensure_plans():
        # Only when the offer first appears: an editor's later choices of access stay.
        _keep_for_subscribers()
    _ensure_subscriber(clerk)
    institution = _ensure_institution()
    return [
        f"Offres : {', '.join(plan['name'] for plan in PLANS)}, en USD, EUR et LBP (/abonnement/).",
        f"Accès par adresse : « {institution.name} » a la plage "
        f"{CONTENT['institution']['range']}, "
        "inactive ; activez cette plage pour essayer l’accès par adresse "
        "(Abonnements › Institutions).",
    ]


def _ensure_plans() -> bool:
    """Create the plans missing; whether any was."""
    created_any = False
    for order, item in enumerate(PLANS):
        plan, created = Plan.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "interval": item["interval"],
                "description": item["description"],
                "sort_order": order,
            },
        )
        if created:
            Price.objects.bulk_create(
                Price(plan=plan, currency=currency, amount=Decimal(amount))
                for currency, amount in item["prices"].items()
            )
            created_any = True
    return created_any


def _keep_for_subscribers() -> None:
    """Set the access of the demo's subscriber sections and articles, as an editor would:
    a published revision each, the articles' dates kept as the demo set them."""
    wanted = [
        *(
            (page, Access.SUBSCRIBERS)
            for page in SectionPage.objects.filter(slug__in=ACCESS["subscriber_sections"])
        ),
        *(
            (page, Access.SUBSCRIBERS)
            for page in ArticlePage.objects.filter(slug__in=ACCESS["subscriber_articles"])
        ),
        *(
            (page, Access.FREE)
            for page in ArticlePage.objects.filter(slug__in=ACCESS["free_articles"])
        ),
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
        else:
            # A section's articles follow its access: indexed again here rather than by the
            # worker, which may not run yet, so that the demo's search never answers
            # phrases of their locked text.
            republished.extend(
                ArticlePage.objects.live().descendant_of(page).values_list("pk", flat=True)
            )
    # Publishing indexed them again with the day's date.
    index_articles(ids=republished)


def _ensure_subscriber(clerk) -> None:
    """The demo subscriber, with a running manual subscription paid in cash: opened again
    only once the last one has run out, so a cancellation tried in the demo stays."""
    email, password, _label, display_name = SUBSCRIBER
    wanted = CONTENT["subscriber"]
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
    services.activate(
        user=user,
        plan=Plan.objects.get(slug=wanted["plan"]),
        currency=wanted["currency"],
        method=wanted["method"],
        note=wanted["note"],
        by=clerk,
    )


def _ensure_institution() -> Institution:
    wanted = CONTENT["institution"]
    institution, created = Institution.objects.get_or_create(
        name=wanted["name"], defaults={"contact": wanted["contact"], "note": wanted["note"]}
    )
    if created:
        # Inactive: every visitor of a local demo comes from the loopback address, and
        # would otherwise read everything without logging in.
        IPRange.objects.create(
            institution=institution,
            network=wanted["range"],
            active=False,
            note=wanted["range_note"],
        )
    return institution
