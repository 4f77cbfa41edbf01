"""The right-of-reply requests in the back office: listed by deadline, each with its
history, and the actions on a request: take it up, publish the reply, refuse it, download
its document. Requests change through these actions only (see
quotidien.admin_policies.ActionsOnlyPermissionPolicy), never as raw rows."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import ModelLogEntry

from quotidien.french.dates import french_datetime
from quotidien.french.typography import of_name

from . import services
from .forms import PublishReplyForm, RefuseReplyForm
from .models import ReplyRequest

HANDLE_PERMISSION = "corrections.change_replyrequest"


def deadline_label(reply_request: ReplyRequest) -> str:
    """The deadline as the list shows it, « En retard » once past and still open."""
    text = french_datetime(reply_request.deadline)
    return f"{text} — {_('En retard')}" if reply_request.is_overdue else text


def status_line(reply_request: ReplyRequest, history) -> str:
    """Where the request stands on its page: the deadline while it is open, then when the
    reply was published or the request refused."""
    if reply_request.is_open:
        return _("À publier avant le %(deadline)s") % {"deadline": deadline_label(reply_request)}
    reply = getattr(reply_request, "reply", None)
    if reply_request.status == ReplyRequest.Status.PUBLISHED and reply is not None:
        return _("Publiée le %(date)s") % {"date": french_datetime(reply.published_at)}
    closed = {
        ReplyRequest.Status.PUBLISHED: (services.REQUEST_PUBLISHED, _("Publiée le %(date)s")),
        ReplyRequest.Status.REFUSED: (services.REQUEST_REFUSED, _("Refusée le %(date)s")),
    }
    action, text = closed[reply_request.status]
    entry = next((entry for entry in history if entry.action == action), None)
    if entry is None:
        return reply_request.get_status_display().capitalize()
    return text % {"date": french_datetime(entry.timestamp)}


# The number the requester quotes, as typed in the search box: « DR-2026-00042 ».
REFERENCE = re.compile(r"DR[\s-]*(\d{4})[\s-]*(\d{1,18})", re.IGNORECASE)


class ReplyRequestIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().order_by("deadline", "pk")

    def search_queryset(self, queryset):
        """A request's number finds that request; other words, the names and titles."""
        if self.is_searching and (found := REFERENCE.fullmatch(self.search_query.strip())):
            year, number = found.groups()
            return queryset.filter(pk=int(number), received_at__year=int(year))
        return super().search_queryset(queryset)


def available_actions(reply_request: ReplyRequest) -> list[tuple[str, str, bool]]:
    """What may be done with the request now, as (label, url, whether it is a form to post)."""
    if not reply_request.is_open:
        return []
    actions = []
    if reply_request.status == ReplyRequest.Status.RECEIVED:
        url = reverse("corrections_take", args=[reply_request.pk])
        actions.append((_("Prendre en charge"), url, True))
    actions += [
        (_("Publier la réponse"), reverse("corrections_publish", args=[reply_request.pk]), False),
        (_("Refuser"), reverse("corrections_refuse", args=[reply_request.pk]), False),
    ]
    return actions


class ReplyRequestInspectView(InspectView):
    """A request: who, which article, the text, the deadline, its history, the actions."""

    template_name = "corrections/admin/reply_request_inspect.html"

    def get_page_title(self):
        """« Demande DR-2026-00042 », the number the requester quotes, not « Inspecter »."""
        return _("Demande %(reference)s") % {"reference": self.object.reference}

    def get_page_subtitle(self):
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reply_request = self.object
        can_handle = self.request.user.has_perm(HANDLE_PERMISSION)
        history = list(ModelLogEntry.objects.for_instance(reply_request).select_related("user"))
        reply = getattr(reply_request, "reply", None)
        can_edit_reply = reply is not None and self.request.user.has_perm(
            "corrections.change_correction"
        )
        context.update(
            reply_request=reply_request,
            status_line=status_line(reply_request, history),
            reply_edit_url=reverse("rectificatifs:edit", args=[reply.pk]) if can_edit_reply else "",
            history=history,
            actions=available_actions(reply_request) if can_handle else [],
            document_url=reverse("corrections_document", args=[reply_request.pk])
            if reply_request.document
            else "",
        )
        return context


class ReplyRequestViewSet(ModelViewSet):
    """Droits de réponse: the requests, the most urgent first."""

    model = ReplyRequest
    icon = "mail"
    menu_label = gettext_lazy("Droits de réponse")
    menu_order = 156
    add_to_admin_menu = True
    name = "droits_de_reponse"
    url_prefix = "droits-de-reponse"
    index_view_class = ReplyRequestIndexView
    inspect_view_class = ReplyRequestInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "reference",
        "name",
        "article_title",
        Column("status", label=gettext_lazy("État"), accessor="get_status_display"),
        Column("deadline", label=gettext_lazy("À publier avant le"), accessor=deadline_label),
    ]
    list_filter = ["status"]
    search_fields = ["name", "email", "article_title"]
    inspect_view_fields = ["name", "email", "phone", "article_title", "received_at", "text"]

    def get_urlpatterns(self):
        """The list and the requests' pages only: no generic form adds, edits or deletes a
        request, so Wagtail builds none."""
        conv = self.pk_path_converter
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
            path(f"history/<{conv}:pk>/", self.history_view, name="history"),
            path(
                f"history-results/<{conv}:pk>/",
                self.history_results_view,
                name="history_results",
            ),
        ]


def _handled(request, pk: int) -> ReplyRequest:
    if not request.user.has_perm(HANDLE_PERMISSION):
        raise PermissionDenied
    return get_object_or_404(ReplyRequest.objects.select_related("article"), pk=pk)


def _inspect_url(reply_request: ReplyRequest) -> str:
    return reverse("droits_de_reponse:inspect", args=[reply_request.pk])


def _action_page(request, reply_request, form, *, title: str, button: str):
    return TemplateResponse(
        request,
        "corrections/admin/action.html",
        {
            "reply_request": reply_request,
            "form": form,
            "title": title,
            "button": button,
            "back": _inspect_url(reply_request),
        },
    )


def take(request, pk: int):
    """« Prendre en charge »: the request is « en cours »."""
    reply_request = _handled(request, pk)
    if request.method != "POST":
        return redirect(_inspect_url(reply_request))
    try:
        services.take_reply_request(reply_request=reply_request, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Demande %(ref)s en cours.") % {"ref": reply_request.reference})
    return redirect(_inspect_url(reply_request))


def publish(request, pk: int):
    """« Publier la réponse »: the text, editable, goes at the end of the article."""
    reply_request = _handled(request, pk)
    form = PublishReplyForm(
        request.POST if request.method == "POST" else None,
        initial={"text": reply_request.text},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_reply(
                reply_request=reply_request,
                text=form.cleaned_data["text"],
                editor_note=form.cleaned_data["editor_note"],
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                # Translators: of_name is « de » and the name, elided: « d’Antoine Karam ».
                _("Réponse %(of_name)s publiée à la fin de l’article.")
                % {"of_name": of_name(reply_request.name)},
            )
            return redirect(_inspect_url(reply_request))
    return _action_page(
        request, reply_request, form, title=_("Publier la réponse"), button=_("Publier")
    )


def refuse(request, pk: int):
    """« Refuser »: with a reason, sent to the requester."""
    reply_request = _handled(request, pk)
    form = RefuseReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.refuse_reply(
                reply_request=reply_request, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("Demande %(ref)s refusée.") % {"ref": reply_request.reference}
            )
            return redirect(_inspect_url(reply_request))
    return _action_page(
        request, reply_request, form, title=_("Refuser la demande"), button=_("Refuser")
    )


def document(request, pk: int):
    """The request's supporting document, for editors only, as a download."""
    reply_request = _handled(request, pk)
    if not reply_request.document:
        raise Http404(_("Cette demande n’a pas de pièce justificative."))
    try:
        stored = reply_request.document.open("rb")
    except FileNotFoundError:
        raise Http404(
            _(
                "La pièce justificative de cette demande est introuvable dans les fichiers "
                "privés du site : vérifiez PRIVATE_ROOT, ou restaurez-la depuis la sauvegarde."
            )
        ) from None
    extension = reply_request.document.name.rsplit(".", 1)[-1].lower()
    return FileResponse(
        stored, as_attachment=True, filename=f"{reply_request.reference}.{extension}"
    )


def urlpatterns() -> list:
    """The actions' addresses in the back office."""
    return [
        path("droits-de-reponse/<int:pk>/prendre/", take, name="corrections_take"),
        path("droits-de-reponse/<int:pk>/publier/", publish, name="corrections_publish"),
        path("droits-de-reponse/<int:pk>/refuser/", refuse, name="corrections_refuse"),
        path("droits-de-reponse/<int:pk>/piece/", document, name="corrections_document"),
    ]
