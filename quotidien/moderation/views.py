"""The moderation queue, bans and the audit log in the back office, for the Modérateurs group."""

import re
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.permission_policies.pages import PagePermissionPolicy

from quotidien.comments.models import Comment
from quotidien.french.dates import french_datetime
from quotidien.french.typography import of_name

from . import queue, services
from .forms import BanForm, LiftBanForm, RefusalForm
from .models import Ban, ModerationAction, RefusalReason
from .permissions import can_moderate

User = get_user_model()
PAGE_SIZE = 50
# A primary key as the database stores it (a 64-bit integer): anything else matches nothing.
PRIMARY_KEY = re.compile(r"[1-9][0-9]{0,18}")
MAX_PRIMARY_KEY = 2**63 - 1


def _check(request) -> None:
    if not can_moderate(request.user):
        raise PermissionDenied


def _ids(values) -> list[int]:
    """The primary keys among `values` from a form or a query string; junk is left out."""
    ids = []
    for value in values:
        value = str(value).strip()
        if PRIMARY_KEY.fullmatch(value) and int(value) <= MAX_PRIMARY_KEY:
            ids.append(int(value))
    return ids


def _comments(values) -> list[Comment]:
    """The comments whose ids are among `values`, with their authors, in id order."""
    return list(Comment.objects.filter(pk__in=_ids(values)).select_related("author").order_by("pk"))


def _queue_url(**params) -> str:
    return f"{reverse('moderation_queue')}?{urlencode(params)}"


def _back(request, default: str) -> str:
    """Where a page's "Annuler" and its redirect go: its `next` parameter, on this site."""
    return get_valid_next_url_from_request(request) or default


def comment_queue(request):
    """Tabs of comments to review; approve, refuse, put back on hold or ban, one by one or in
    bulk.

    `?onglet=` picks the tab; `?auteur=<user id>` lists one reader's comments instead, all
    of them, with the same actions. A value that means nothing is ignored.
    """
    _check(request)
    tab = request.GET.get("onglet", queue.DEFAULT_TAB)
    if tab not in queue.TABS:
        tab = queue.DEFAULT_TAB
    author_id = next(iter(_ids([request.GET.get("auteur", "")])), None)
    author = User.objects.filter(pk=author_id).first() if author_id else None
    # Where the form posts and each action lands: the same list, from its first page.
    here = _queue_url(auteur=author.pk) if author else _queue_url(onglet=tab)
    invalid = None
    if request.method == "POST":
        response = _act(request, here)
        if not isinstance(response, RefusalForm):
            return response
        # A refusal without its reason: the page again, the error at that comment's fields.
        invalid = response
    comments = queue.author_comments(author) if author else queue.tab_comments(tab)
    page = Paginator(comments, PAGE_SIZE).get_page(request.GET.get("p"))
    comments = list(page.object_list)
    queue.annotate_authors(comments)
    # « modifier l’article » only where the moderator may (a moderator alone may not).
    editable = set(
        PagePermissionPolicy()
        .instances_user_has_permission_for(request.user, "change")
        .filter(pk__in={comment.article_id for comment in comments})
        .values_list("pk", flat=True)
    )
    # An author's page shows no tabs: their counts would be read for nothing.
    counts = {} if author else queue.tab_counts()
    return TemplateResponse(
        request,
        "moderation/queue.html",
        {
            "tab": tab,
            "tabs": [(slug, tab.title, counts[slug]) for slug, tab in queue.TABS.items()]
            if counts
            else [],
            "author": author,
            "here": here,
            "page_obj": page,
            "comments": comments,
            "editable_articles": editable,
            "refusal_reasons": RefusalReason.choices,
            "invalid": _typed(invalid),
        },
    )


def _typed(form: RefusalForm | None) -> dict | None:
    """What a refused-as-invalid form had typed and its errors, for the fields to show again."""
    if form is None:
        return None
    return {
        "prefix": f"{form.prefix}-" if form.prefix else "",
        "categorie": form.data.get(form.add_prefix("categorie"), ""),
        "note": form.data.get(form.add_prefix("note"), ""),
        "errors": {name: errors[0] for name, errors in form.errors.items()},
    }


def _act(request, back: str) -> HttpResponse | RefusalForm:
    """Carry out the button pressed: on its own comment ("reject:12") or on the ticked ones.

    A comment's own button reads that comment's reason and note ("12-categorie", "12-note"),
    a bulk button those of the selection ("categorie", "note"). Returns where to go next,
    or the reason's form when it is invalid, for the queue to show it again.
    """
    action, _sep, one = request.POST.get("action", "").partition(":")
    comments = _comments([one] if one else request.POST.getlist("selected"))
    if not comments:
        messages.warning(request, _("Cochez au moins un commentaire."))
        return redirect(back)
    if action == "ban":
        # Banning is asked for here and done on its confirmation page.
        query = [("commentaire", comment.pk) for comment in comments] + [("next", back)]
        return redirect(f"{reverse('moderation_ban')}?{urlencode(query)}")
    form = RefusalForm(
        request.POST,
        prefix=str(comments[0].pk) if one else None,
        require_category=action == "reject",
    )
    if not form.is_valid():
        messages.error(request, form.first_error())
        return form
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
    elif action == "hold":
        done = services.hold(comments=comments, moderator=request.user, reason=note)
        messages.success(
            request,
            ngettext(
                "%(n)d commentaire remis en attente.", "%(n)d commentaires remis en attente.", done
            )
            % {"n": done},
        )
    else:
        messages.error(
            request,
            _("Action inconnue : choisissez approuver, refuser, remettre en attente ou bannir."),
        )
    return redirect(back)


def ban_confirm(request):
    """The "Bannir l’auteur" page: who would be banned and what it would refuse, until confirmed.

    Takes the comments that led to the ban (`commentaire`, repeated for a selection), so
    each of their authors is banned, and `next`, where "Annuler" leads. Once confirmed, it
    lands on the banned readers, where each new ban can be undone in the page itself: the
    message's button is out of reach without JavaScript, under Wagtail's warning.
    """
    _check(request)
    data = request.POST if request.method == "POST" else request.GET
    back = _back(request, reverse("moderation_queue"))
    comments = _comments(data.getlist("commentaire"))
    if not comments:
        messages.warning(request, _("Cochez au moins un commentaire."))
        return redirect(back)
    comments = _bannable(request, comments)
    if not comments:
        return redirect(back)
    previews = queue.ban_previews(comments)
    form = BanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        for preview in previews:
            if not preview.banned:
                _ban(request, preview, form.cleaned_data, back)
        return redirect(f"{reverse('moderation_bans')}?{urlencode({'next': back})}")
    return TemplateResponse(
        request,
        "moderation/ban_confirm.html",
        {
            "previews": previews,
            "to_ban": [preview for preview in previews if not preview.banned],
            "comments": comments,
            "form": form,
            "back": back,
        },
    )


def _bannable(request, comments: list[Comment]) -> list[Comment]:
    """The comments whose author the moderator may ban; a warning says why for the others."""
    allowed = {}
    for comment in comments:
        if comment.author_id in allowed:
            continue
        try:
            services.check_can_ban(author=comment.author, moderator=request.user)
        except ValidationError as error:
            messages.warning(request, error.messages[0])
            allowed[comment.author_id] = False
        else:
            allowed[comment.author_id] = True
    return [comment for comment in comments if allowed[comment.author_id]]


def _ban(request, preview: queue.BanPreview, reason: dict, back: str) -> None:
    """Ban one author and say so, offering to undo it."""
    author = preview.author
    try:
        ban = services.ban_author(
            author=author,
            comments=preview.comments,
            moderator=request.user,
            category=reason["categorie"],
            reason=reason["note"],
            lasts=reason["duree"],
        )
    except ValidationError as error:
        messages.warning(request, error.messages[0])
        return
    refused = ban.refusals.count()
    undo = f"{reverse('moderation_ban_undo', args=[ban.pk])}?{urlencode({'next': back})}"
    if ban.until:
        text = ngettext(
            "%(name)s ne peut plus commenter jusqu’au %(until)s ; %(n)d commentaire refusé.",
            "%(name)s ne peut plus commenter jusqu’au %(until)s ; %(n)d commentaires refusés.",
            refused,
        )
    else:
        text = ngettext(
            "%(name)s ne peut plus commenter ; %(n)d commentaire refusé.",
            "%(name)s ne peut plus commenter ; %(n)d commentaires refusés.",
            refused,
        )
    messages.success(
        request,
        text
        % {"name": author.get_display_name(), "n": refused, "until": french_datetime(ban.until)},
        buttons=[messages.button(undo, _("Annuler ce bannissement"))],
    )


def ban_undo(request, pk: int):
    """The "Annuler ce bannissement" page: lift a ban and put back in the queue what it refused."""
    _check(request)
    back = _back(request, reverse("moderation_bans"))
    ban = Ban.objects.select_related("user", "banned_by").filter(pk=pk).first()
    if ban is None:
        messages.warning(request, _("Ce lecteur n’est plus banni."))
        return redirect(back)
    name = ban.user.get_display_name()
    if request.method == "POST":
        try:
            restored = services.undo_ban(ban=ban, moderator=request.user)
        except ValidationError as error:
            messages.warning(request, error.messages[0])
        else:
            messages.success(
                request,
                ngettext(
                    "Bannissement %(of_name)s annulé ; %(n)d commentaire remis en attente.",
                    "Bannissement %(of_name)s annulé ; %(n)d commentaires remis en attente.",
                    restored,
                )
                % {"of_name": of_name(name), "n": restored},
            )
        return redirect(back)
    return TemplateResponse(
        request,
        "moderation/ban_undo.html",
        {
            "ban": ban,
            "restorable": ban.refusals.filter(comment__status=Comment.Status.REJECTED).count(),
            "back": back,
        },
    )


def banned_readers(request):
    """The "Lecteurs bannis" page: who, since when, until when, by whom and why; each ban may
    be lifted."""
    _check(request)
    bans = (
        Ban.objects.select_related("user", "banned_by")
        .annotate(refused=Count("refusals"))
        .order_by("-created_at", "-pk")
    )
    page = Paginator(bans, PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "moderation/banned_readers.html",
        {
            "page_obj": page,
            "form": LiftBanForm(),
            "back": _back(request, reverse("moderation_queue")),
        },
    )


def ban_lift(request, pk: int):
    """Lift a ban: the reader may comment again, and what the ban refused stays refused."""
    _check(request)
    back = reverse("moderation_bans")
    ban = Ban.objects.select_related("user").filter(pk=pk).first()
    if request.method != "POST":
        return redirect(back)
    form = LiftBanForm(request.POST)
    if ban is None:
        messages.warning(request, _("Ce lecteur n’est plus banni."))
    elif not form.is_valid():
        messages.error(request, form.errors["motif"][0])
    else:
        try:
            services.lift_ban(
                user=ban.user, moderator=request.user, reason=form.cleaned_data["motif"]
            )
        except ValidationError as error:
            messages.warning(request, error.messages[0])
        else:
            messages.success(
                request,
                _("%(name)s peut de nouveau commenter.") % {"name": ban.user.get_display_name()},
            )
    return redirect(back)


def audit_log(request):
    """Who did what, when and why: every moderation decision, newest first."""
    _check(request)
    actions = ModerationAction.objects.select_related("moderator", "reader", "comment").order_by(
        "-created_at", "-pk"
    )
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "moderation/audit_log.html", {"page_obj": page})
