"""The moderation queue and the audit log in the back office, for the Modérateurs group."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quotidien.comments.models import Comment

from . import queue, services
from .forms import RefusalForm
from .models import ModerationAction, RefusalReason

PERMISSION = "comments.moderate_comment"
PAGE_SIZE = 50


def can_moderate(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def _check(request) -> None:
    if not can_moderate(request.user):
        raise PermissionDenied


def comment_queue(request):
    """Tabs of comments to review; approve, refuse or ban, one by one or in bulk."""
    _check(request)
    tab = request.GET.get("onglet", queue.DEFAULT_TAB)
    if tab not in queue.TABS:
        tab = queue.DEFAULT_TAB
    if request.method == "POST":
        return _act(request, tab)
    page = Paginator(queue.tab_comments(tab), PAGE_SIZE).get_page(request.GET.get("page"))
    comments = list(page.object_list)
    queue.annotate_authors(comments)
    counts = queue.tab_counts()
    return TemplateResponse(
        request,
        "moderation/queue.html",
        {
            "tab": tab,
            "tabs": [(slug, tab.title, counts[slug]) for slug, tab in queue.TABS.items()],
            "page_obj": page,
            "comments": comments,
            "refusal_reasons": RefusalReason.choices,
        },
    )


def _act(request, tab: str):
    """Carry out the button pressed: on its own comment ("reject:12") or on the ticked ones.

    A comment's own button reads that comment's reason and note ("12-categorie", "12-note"),
    a bulk button those of the selection ("categorie", "note").
    """
    action, _sep, one = request.POST.get("action", "").partition(":")
    ids = [one] if one else request.POST.getlist("selected")
    ids = [int(pk) for pk in ids if str(pk).isdigit()]
    comments = list(Comment.objects.filter(pk__in=ids).select_related("author"))
    back = f"{reverse('moderation_queue')}?onglet={tab}"
    if not comments:
        messages.warning(request, _("Cochez au moins un commentaire."))
        return redirect(back)
    form = RefusalForm(
        request.POST,
        prefix=str(comments[0].pk) if one else None,
        require_category=action == "reject",
    )
    if not form.is_valid():
        messages.error(request, form.first_error())
        return redirect(back)
    note = form.cleaned_data["note"]
    if action == "approve":
        done = services.approve(comments=comments, moderator=request.user, reason=note)
        messages.success(
            request,
            ngettext("%(n)d commentaire approuvé.", "%(n)d commentaires approuvés.", done)
            % {"n": done},
        )
    elif action == "reject":
        done = services.reject(
            comments=comments,
            moderator=request.user,
            reason=note,
            category=form.cleaned_data["categorie"],
        )
        messages.success(
            request,
            ngettext("%(n)d commentaire refusé.", "%(n)d commentaires refusés.", done)
            % {"n": done},
        )
    elif action == "ban":
        banned = set()
        for comment in comments:
            if comment.author_id not in banned:
                services.ban_author(comment=comment, moderator=request.user, reason=note)
                banned.add(comment.author_id)
        messages.success(
            request,
            ngettext("%(n)d lecteur banni.", "%(n)d lecteurs bannis.", len(banned))
            % {"n": len(banned)},
        )
    else:
        messages.error(request, _("Action inconnue : choisissez approuver, refuser ou bannir."))
    return redirect(back)


def audit_log(request):
    """Who did what, when and why: every moderation decision, newest first."""
    _check(request)
    actions = ModerationAction.objects.select_related("moderator", "reader", "comment").order_by(
        "-created_at", "-pk"
    )
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "moderation/audit_log.html", {"page_obj": page})
