"""The public pages: the corrections page and the right-of-reply form."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from quotidien.accounts.mail_limits import count_mail_to, may_mail
from quotidien.links import page_url
from quotidien.news.pagination import paginate
from quotidien.ratelimits import limits

from . import queries, services
from .forms import ReplyRequestForm
from .models import ReplyRequest, reply_law

RECEIPT_SALT = "quotidien.corrections.receipt"
# The confirmation page opens for an hour after the request was sent.
RECEIPT_SECONDS = 3600


@require_safe
def corrections_index(request):
    """ "Corrections": every correction and published reply, newest first."""
    listing = paginate(request, queries.published_corrections(), settings.QUOTIDIEN_PAGE_SIZE)
    return render(request, "corrections/index.html", {"listing": listing})


def _linked_article(request):
    """The article the form is about, from `?article=<id>` (the link at the end of each
    article), with its address; (None, None) when there is none."""
    article = queries.live_article(request.GET.get("article"))
    url = page_url(article, request) if article is not None else None
    return (article, url) if url else (None, None)


def _form_context(form: ReplyRequestForm, article=None) -> dict:
    return {
        "form": form,
        "article": article,
        "article_is_live": article is not None and queries.is_live(article),
        "law": reply_law(),
        "deadline_days": settings.QUOTIDIEN_REPLY_DEADLINE_DAYS,
    }


def _initial_requester(request) -> dict:
    """A logged-in reader's name and e-mail, which they may change: their first and last
    names, else the name they show."""
    user = request.user
    if not user.is_authenticated:
        return {}
    name = f"{user.first_name} {user.last_name}".strip() or user.get_display_name()
    # The shown name falls back on the username, which may be the e-mail address.
    return {"name": name if name != user.username else "", "email": user.email}


def _receipt_url(reply_request: ReplyRequest, *, mailed: bool, again: bool = False) -> str:
    """The confirmation's signed address: whether an acknowledgement went out, and whether
    the request had been received already (`again`)."""
    receipt = {"pk": reply_request.pk, "mailed": mailed, "again": again}
    return reverse("corrections:reply_received", args=[signing.dumps(receipt, salt=RECEIPT_SALT)])


def reply_form(request):
    """The right-of-reply form; a request sent goes to the confirmation page."""
    article, url = _linked_article(request) if request.method == "GET" else (None, None)
    form = ReplyRequestForm(
        request.POST or None,
        request.FILES or None,
        request=request,
        initial={**_initial_requester(request), **({"article": url} if url else {})},
    )
    valid = request.method == "POST" and form.is_valid()
    if request.method == "POST":
        # Checking the form found the article its address leads to, which the page names
        # again if the request comes back with an error.
        article = form.found_article
    if article is not None:
        # The article is named above the form: no need to tell how to copy its address.
        form["article"].help_text = ""
    if valid:
        data = form.cleaned_data
        # The same request again leads to its receipt, however many were sent this hour.
        repeated = services.repeats_open_request(
            article=form.found_article, email=data["email"], text=data["text"]
        )
        verdict = (
            limits.ALLOWED if repeated else limits.hit("reply-request", limits.client_line(request))
        )
        if not verdict:
            form.add_error(None, limits.too_soon_message(verdict))
            page = render(request, "corrections/reply_form.html", _form_context(form, article))
            return limits.stopped(page, verdict)
        # Filed whatever the count (the reply is a right), but the address given, maybe a
        # stranger's, gets no more e-mails than a sign-up would send it. Counted once the
        # request is filed: one refused sends nothing.
        mailed = bool(may_mail(data["email"]))
        try:
            reply_request = services.file_reply_request(
                article=form.found_article,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                text=data["text"],
                document=data["document"],
                acknowledge=mailed,
            )
        except services.AlreadyFiled as repeated:  # a double click, a reload
            return redirect(_receipt_url(repeated.reply_request, mailed=False, again=True))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if mailed:
                count_mail_to(data["email"])
            return redirect(_receipt_url(reply_request, mailed=mailed))
    status = 400 if form.errors else 200
    return render(
        request, "corrections/reply_form.html", _form_context(form, article), status=status
    )


@never_cache
@require_safe
def reply_received(request, token: str):
    """The confirmation: the request's number and deadline (a signed link, for a while)."""
    try:
        receipt = signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_SECONDS)
        pk, mailed = receipt["pk"], receipt["mailed"]
    except (signing.BadSignature, TypeError, KeyError):
        return render(request, "corrections/reply_received.html", {"expired": True}, status=404)
    reply_request = ReplyRequest.objects.filter(pk=pk).first()
    return render(
        request,
        "corrections/reply_received.html",
        {
            "reply_request": reply_request,
            "mailed": mailed,
            "again": receipt.get("again", False),
            "expired": reply_request is None,
        },
        status=200 if reply_request else 404,
    )
