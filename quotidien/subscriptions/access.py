"""Who reads a subscriber article in full, and why; the others get its teaser.

`article_access(request, article)` is asked once per request by every channel that shows
an article's body (the page, the API, feeds): subscribers and the newsroom read it all,
then whoever opens a subscriber's gift link, readers at an institution's address, and
logged-in readers on this month's meter; everyone else gets the teaser of `teaser.py`.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.permission_policies.pages import PagePermissionPolicy

from quotidien.pagecache import reads, versions

from . import gifts, institutions
from .models import MeteredRead, Subscription, month_start

# Until when each reader who read lately has access: kept while their subscriptions stand
# still, so that a subscriber's page costs no query to know it.
_ACCESS_UNTIL = reads.KeptReads("access-until", 4096)

FREE = "free"
SUBSCRIBER = "subscriber"
STAFF = "staff"
GIFT = "gift"
INSTITUTION = "institution"
METER = "meter"
# A request that does not open the article: a metered reader's (HEAD, a browser's
# prefetch), the teaser and no free article spent (see `reads_now`); a gift link's
# prefetch, the teaser and no opening counted.
LOOK_AHEAD = "look-ahead"
NONE = "none"

# The request headers with which browsers say a page is fetched ahead of being opened
# ("Sec-Purpose: prefetch", "prefetch;prerender"), then older names of the same.
LOOK_AHEAD_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")
LOOK_AHEAD_PURPOSES = ("prefetch", "prerender", "preview")


@dataclass(frozen=True)
class Access:
    """What a reader gets of one article, and why."""

    full: bool
    reason: str
    # Subscriber articles the reader may still open on this month's meter (None: no meter).
    meter_left: int | None = None
    # Whether this request spent one of the meter's articles (its first view this month).
    spent_now: bool = False
    institution: str = ""
    # The gift link that opens the article (GIFT): counted by the page, which the reader
    # opens, not by the API nor a look-ahead. Readers through any gift get the same page.
    gift: int | None = field(default=None, compare=False)

    @property
    def for_subscribers(self) -> bool:
        """Whether the article is for subscribers (whoever reads it)."""
        return self.reason != FREE

    @property
    def personal(self) -> bool:
        """Whether what the reader gets is theirs alone: such a page is never cached."""
        return self.for_subscribers and self.full


OPEN = Access(full=True, reason=FREE)
TEASER = Access(full=False, reason=NONE)
LOOKED_AHEAD = Access(full=False, reason=LOOK_AHEAD)


def _token(user_id: int) -> str:
    return f"subscriber:{user_id}"


def access_until(user) -> datetime | None:
    """The end of the period paid of `user`'s subscriptions that open subscriber articles."""

    def read():
        ends = Subscription.objects.giving_access().filter(user=user)
        return ends.aggregate(until=Max("current_period_end"))["until"]

    return _ACCESS_UNTIL.get(user.pk, read, depends_on=(_token(user.pk),))


def is_subscriber(user) -> bool:
    """Whether `user` has a subscription that opens subscriber articles now."""
    if not user.is_authenticated:
        return False
    until = access_until(user)
    return until is not None and until > timezone.now()


@receiver(post_save, sender=Subscription)
@receiver(post_delete, sender=Subscription)
def _subscription_changed(sender, instance, **kwargs) -> None:
    versions.bump(_token(instance.user_id))


def reads_everything(user) -> bool:
    """Subscribers, and the newsroom (who write, edit and check the paper)."""
    return user.is_authenticated and (is_subscriber(user) or is_newsroom(user))


def is_newsroom(user) -> bool:
    """Whether `user` writes or changes articles: journalists (their own) and editors.

    Others of the back office (moderators, the Service abonnés) read as readers do. The
    back-office permission comes first: it is known without a query for most readers.
    """
    return user.is_superuser or (
        user.enters_back_office() and PagePermissionPolicy().user_has_permission(user, "change")
    )


def article_access(request, article) -> Access:
    """What the reader of `request` gets of `article`, decided once per request.

    A logged-in reader without a subscription who opens a subscriber article spends one
    of the month's meter (a second visit of the same article costs nothing). A request
    that does not open it (see `reads_now`) spends nothing and gets the teaser.
    """
    memo = request.__dict__.setdefault("_quotidien_access", {})
    if article.pk not in memo:
        memo[article.pk] = _decide(request, article)
    return memo[article.pk]


def _decide(request, article) -> Access:
    if not article.for_subscribers:
        return OPEN
    user = getattr(request, "user", None)
    if user is not None and is_subscriber(user):
        return Access(full=True, reason=SUBSCRIBER)
    if user is not None and user.is_authenticated and is_newsroom(user):
        return Access(full=True, reason=STAFF)
    if (token := request.GET.get(gifts.PARAMETER)) and (gift := gifts.running(token, article)):
        if is_look_ahead(request):
            # Declined as the meter's look-ahead is (see `paywall.mark_response`): the
            # browser asks again when its reader opens the link, and that view counts.
            return LOOKED_AHEAD
        return Access(full=True, reason=GIFT, gift=gift)
    if institution := institutions.institution_at(request.META.get("REMOTE_ADDR")):
        return Access(full=True, reason=INSTITUTION, institution=institution)
    if user is not None and user.is_authenticated:
        return _metered(user, article, spend=reads_now(request))
    return TEASER


def reads_now(request) -> bool:
    """Whether `request` opens the page for its reader to read: a GET, not fetched ahead.

    Link checkers send HEAD, and browsers fetch pages a reader may open next (a hovered
    link, the address bar's guess); neither must use up the month's free articles.
    """
    if request.method != "GET":
        return False
    return not is_look_ahead(request)


def is_look_ahead(request) -> bool:
    """Whether a browser says it fetches the page ahead of its reader opening it."""
    purposes = " ".join(request.headers.get(name, "") for name in LOOK_AHEAD_HEADERS).lower()
    return any(purpose in purposes for purpose in LOOK_AHEAD_PURPOSES)


def free_articles_left(user) -> int | None:
    """How many subscriber articles `user` may still open this month through the meter;
    None when there is no meter."""
    allowance = settings.QUOTIDIEN_METER_PER_MONTH
    if allowance <= 0:
        return None
    spent = MeteredRead.objects.filter(user=user, month=month_start()).count()
    return max(0, allowance - spent)


def _metered(user, article, *, spend: bool) -> Access:
    allowance = settings.QUOTIDIEN_METER_PER_MONTH
    if allowance <= 0:
        return TEASER
    month = month_start()
    reads = MeteredRead.objects.filter(user=user, month=month)
    spent = reads.aggregate(all=Count("pk"), this=Count("pk", filter=Q(article=article)))
    if spent["this"]:
        return Access(full=True, reason=METER, meter_left=max(0, allowance - spent["all"]))
    if not spend:
        return LOOKED_AHEAD
    with transaction.atomic():
        # One reader's meter is counted and spent by one request at a time: parallel
        # requests for different articles would each see room left.
        get_user_model().objects.lock(user)
        spent = reads.count()
        if spent >= allowance:
            return Access(full=False, reason=NONE, meter_left=0)
        try:
            with transaction.atomic():
                MeteredRead.objects.create(user=user, month=month, article=article)
            spent += 1
        except IntegrityError:
            # The same reader opened the article twice at once: it counted once (in `spent`).
            return Access(full=True, reason=METER, meter_left=max(0, allowance - spent))
        return Access(full=True, reason=METER, meter_left=max(0, allowance - spent), spent_now=True)
