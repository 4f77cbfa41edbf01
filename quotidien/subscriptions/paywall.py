"""The paywall on an article's page: the teaser and offer box, or the article in full, and
the headers that keep a full subscriber article out of every shared cache."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_http_methods

from quotidien.links import public_url

from . import gifts
from .access import GIFT, LOOK_AHEAD, article_access, is_look_ahead, reads_now
from .offers import default_currency, offers_in
from .teaser import teaser_html


def page_context(request, article) -> dict:
    """What the article's template needs to show the paywall, or the article in full."""
    access = article_access(request, article)
    context = {"access": access}
    if not access.for_subscribers:
        return context
    if not access.full:
        context["teaser"] = teaser_html(article)
        # In the default currency: the page is shared by every reader who sees the same.
        context["offers"] = offers_in(default_currency())
        context["meter_allowance"] = settings.QUOTIDIEN_METER_PER_MONTH
        token = request.GET.get(gifts.PARAMETER)
        context["gift_expired"] = bool(token) and gifts.has_expired(token, article)
    return context


def mark_response(request, article, response) -> None:
    """A subscriber article read in full is the reader's own page: private, never cached.
    Its teaser may be cached, except for readers who would get more (an institution's); a
    browser that fetches it ahead for a metered reader or through a gift link is declined
    (see `access.reads_now`). A reader who opens it through a gift link counts as one
    opening of the link."""
    access = getattr(request, "_quotidien_access", {}).get(article.pk)
    if access is None or not access.for_subscribers:
        return
    patch_vary_headers(response, ["Cookie"])
    if access.reason == GIFT and response.status_code == 200 and reads_now(request):
        gifts.count_opening(access.gift)
    if access.reason == LOOK_AHEAD and is_look_ahead(request):
        # The teaser of an article the meter or a gift link may open, fetched ahead by
        # the browser: it would be what the reader sees on opening it. A browser drops a
        # prefetch or a prerender that is not a success, and asks again, for real, when it
        # is opened.
        response.status_code = 503
        patch_cache_control(response, no_store=True)
        return
    # A gift link's page, whatever its token opened, is the link's own: an altered or
    # expired token shows the teaser with its own message.
    if access.personal or request.GET.get(gifts.PARAMETER):
        patch_cache_control(response, private=True, no_store=True)
    else:
        response.page_cache_restricted = True


@require_http_methods(["GET", "POST"])
def gift_view(request, article):
    """A subscriber makes (POST) and shares the gift link of a subscriber article; anyone
    else is told why there is none to make (see `gifts.check`)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    gift = refusal = None
    if request.method == "POST":
        try:
            gift = gifts.offer(sender=request.user, article=article)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(article.url)
    else:
        try:
            gifts.check(sender=request.user, article=article)
        except ValidationError as error:
            refusal = error
    share_url = None
    if gift is not None:
        share_url = public_url(f"{article.url}?{gifts.PARAMETER}={gifts.token_for(gift)}")
    elif refusal is not None and refusal.code == "free":
        # Nothing to offer: the article's own address opens it to anyone.
        share_url = public_url(article.url)
    response = TemplateResponse(
        request,
        "subscriptions/gift.html",
        {
            "page": article,
            "gift": gift,
            "refusal": refusal and refusal.messages[0],
            "refusal_code": refusal and refusal.code,
            "share_url": share_url,
            "gifts_left": gifts.left_this_month(request.user),
            "gift_days": settings.QUOTIDIEN_GIFT_DAYS,
        },
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
