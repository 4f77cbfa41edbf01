"""The right of reply's e-mails, sent by `quotidien worker`.

Tasks take the request's primary key and read it as it is when they run; a request gone
meanwhile sends nothing.
"""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from quotidien.links import page_url, public_url
from quotidien.news.newsroom import EDITORS

from . import queries
from .models import ReplyRequest, reply_law


def _reply_request(reply_request_id: int) -> ReplyRequest | None:
    return (
        ReplyRequest.objects.select_related("article", "reply").filter(pk=reply_request_id).first()
    )


def _send(template: str, context: dict, recipients: list[str]) -> bool:
    if not recipients:
        return False
    send_mail(
        subject=render_to_string(f"corrections/emails/{template}_subject.txt", context).strip(),
        message=render_to_string(f"corrections/emails/{template}.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
    return True


def _article_url(reply_request: ReplyRequest) -> str:
    article = reply_request.article
    return (page_url(article) or "") if article else ""


def _about(reply_request: ReplyRequest) -> dict:
    """What every e-mail of a request says of its page: its address, and whether it is
    live coverage (« au direct », not « à l’article »)."""
    article = reply_request.article
    return {
        "reply_request": reply_request,
        "article_url": _article_url(reply_request),
        "live": article is not None and queries.is_live(article),
    }


def editor_addresses() -> list[str]:
    """The addresses of the active editors, who handle the requests."""
    return list(
        get_user_model()
        .objects.filter(groups__name=EDITORS, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


@task()
def acknowledge_reply_request(reply_request_id: int) -> bool:
    """Tell the requester their request arrived, with its number and deadline."""
    if (reply_request := _reply_request(reply_request_id)) is None:
        return False
    context = {**_about(reply_request), "law": reply_law()}
    return _send("acknowledgement", context, [reply_request.email])


@task()
def notify_editors_of_reply_request(reply_request_id: int) -> bool:
    """Tell the editors a request arrived and when its reply is due."""
    if (reply_request := _reply_request(reply_request_id)) is None:
        return False
    admin_url = public_url(reverse("droits_de_reponse:inspect", args=[reply_request.pk]))
    context = {**_about(reply_request), "admin_url": admin_url}
    return _send("editors_notice", context, editor_addresses())


@task()
def announce_reply_published(reply_request_id: int) -> bool:
    """Tell the requester their reply is published, with the link to it."""
    reply_request = _reply_request(reply_request_id)
    if reply_request is None or reply_request.status != ReplyRequest.Status.PUBLISHED:
        return False
    reply = getattr(reply_request, "reply", None)
    about = _about(reply_request)
    link = about["article_url"] + (f"#{reply.anchor}" if reply else "")
    return _send("published", {**about, "link": link}, [reply_request.email])


@task()
def announce_reply_refused(reply_request_id: int) -> bool:
    """Tell the requester their request was refused, and why."""
    reply_request = _reply_request(reply_request_id)
    if reply_request is None or reply_request.status != ReplyRequest.Status.REFUSED:
        return False
    return _send("refused", _about(reply_request), [reply_request.email])
