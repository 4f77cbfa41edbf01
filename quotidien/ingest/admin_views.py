"""The wire desk's own back-office pages: "Publier les brouillons" of an agency's feed, a
one-off publication of the drafts waiting, whatever the feed's arrival; "Envoyer des
dépêches", a wire file or a zip of them that the worker imports."""

from datetime import datetime
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import IndexView, InspectView

from quotidien.french.typography import french_size
from quotidien.news.models import Agency

from .formats import max_wire_bytes, too_large_message
from .models import AgencyFeed, WireUpload
from .publishing import (
    DraftsPublished,
    may_publish_drafts,
    publish_imported_drafts,
)
from .queries import imported_drafts
from .tasks import import_wire_upload, publish_agency_drafts
from .uploads import UPLOAD_SUFFIXES

# Up to this many drafts are published while the editor waits; more go to the worker.
PUBLISHED_IN_REQUEST = 10
# The headlines the confirmation page lists.
SHOWN_DRAFTS = 20


class AgencyFeedIndexView(IndexView):
    """Fils d'agence: each feed has "Publier les brouillons" for the editors who may."""

    @cached_property
    def may_publish_drafts(self) -> bool:
        return may_publish_drafts(self.request.user)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.may_publish_drafts:
            buttons.append(
                ListingButton(
                    _("Publier les brouillons"),
                    url=reverse("ingest_publish_drafts", args=[instance.pk]),
                    icon_name="upload",
                    priority=30,
                )
            )
        return buttons


def publish_drafts(request, pk: int):
    """Confirm, then publish the drafts imported from the feed's agency and never published,
    those ticked or all of them, whatever the feed's arrival (in the worker when there are
    many). Only the drafts the editor may publish in their section are offered."""
    if not may_publish_drafts(request.user):
        raise PermissionDenied
    feed = get_object_or_404(AgencyFeed.objects.select_related("agency"), pk=pk)
    drafts = imported_drafts(agency=feed.agency)
    count = drafts.count()
    back = reverse("wagtailsnippets_ingest_agencyfeed:list")
    if request.method == "POST" and count:
        # "Publier la sélection" sends the ticked drafts; otherwise all are published.
        chosen = _chosen_ids(request) if request.POST.get("publish") == "selection" else None
        if chosen == []:
            messages.error(request, _("Cochez les brouillons à publier, ou publiez-les tous."))
            return redirect(request.path)
        many = count if chosen is None else drafts.filter(pk__in=chosen).count()
        if many <= PUBLISHED_IN_REQUEST:
            done = publish_imported_drafts(feed=feed, user=request.user, items=chosen)
            _tell(request, done, agency=feed.agency.name)
        else:
            publish_agency_drafts.enqueue(feed.pk, request.user.pk, chosen)
            messages.success(
                request,
                _(
                    "Publication des %(count)s brouillons de l’agence %(agency)s lancée : ils "
                    "paraissent sur le site au fur et à mesure, datés de leur dépêche."
                )
                % {"count": many, "agency": feed.agency.name},
            )
        return redirect(back)
    shown = [
        (item, item.article.permissions_for_user(request.user).can_publish())
        for item in drafts[:SHOWN_DRAFTS]
    ]
    return TemplateResponse(
        request,
        "ingest/admin/publish_drafts.html",
        {
            "feed": feed,
            "count": count,
            "drafts": shown,
            "may_publish_any": any(allowed for _item, allowed in shown),
            "back": back,
        },
    )


def _chosen_ids(request) -> list[int]:
    return [int(value) for value in request.POST.getlist("drafts") if value.isdigit()]


def _tell(request, done: DraftsPublished, *, agency: str) -> None:
    parts = [
        ngettext(
            "%(count)s brouillon de l’agence %(agency)s publié",
            "%(count)s brouillons de l’agence %(agency)s publiés",
            done.published,
        )
        % {"count": done.published, "agency": agency}
    ]
    if done.scheduled:
        parts.append(
            _("%(count)s programmé(s) pour la fin de leur embargo") % {"count": done.scheduled}
        )
    if done.refused:
        parts.append(
            _("%(count)s laissé(s) en brouillon : vous ne pouvez pas publier dans leur rubrique")
            % {"count": done.refused}
        )
    if done.failed:
        parts.append(_("%(count)s en échec (voir le journal du serveur)") % {"count": done.failed})
    text = " ; ".join(parts) + "."
    if done.refused or done.failed:
        messages.warning(request, text)
    else:
        messages.success(request, text)


def yes_no(value: bool) -> str:
    return _("Oui") if value else _("Non")


class ReadableInspectView(InspectView):
    """A record shown as an editor reads it: times in the newsroom's time zone, Oui/Non, a
    dash for what is not set, instead of Python's `None`, `True` and UTC."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return yes_no(value)
        if isinstance(value, datetime):
            return date_format(timezone.localtime(value), "DATETIME_FORMAT")
        return value


class WireItemInspectView(ReadableInspectView):
    """A wire item: its announced photos as a list, its article as a link to its editor."""

    def get_pictures_display_value(self):
        rows = format_html_join(
            "",
            "<li>{} <em>{}</em> ({})</li>",
            (
                (
                    picture.get("caption") or _("sans légende"),
                    picture.get("credit") or _("sans crédit"),
                    picture.get("href") or picture.get("uri") or "—",
                )
                for picture in self.object.pictures or []
                if isinstance(picture, dict)
            ),
        )
        return format_html("<ul>{}</ul>", rows) if rows else "—"

    def get_article_display_value(self):
        article = self.object.article
        if article is None:
            return "—"
        state = _("en ligne") if article.live else _("brouillon")
        return format_html(
            '<a href="{}">{}</a> ({})',
            reverse("wagtailadmin_pages:edit", args=[article.pk]),
            article.draft_title,
            state,
        )


class WireUploadForm(forms.Form):
    file = forms.FileField(label=_("Fichier"))
    agency = forms.ModelChoiceField(
        Agency.objects.order_by("name"),
        required=False,
        label=_("Agence"),
        help_text=_("Pour les dépêches qui ne nomment pas leur agence."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Une dépêche ninjs (.json) ou NewsML-G2 (.xml), ou un .zip de dépêches avec leurs "
            "photos ; %(size)s au plus."
        ) % {"size": french_size(max_wire_bytes())}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise forms.ValidationError(
                _("Format non reconnu : envoyez un fichier %(suffixes)s.")
                % {"suffixes": ", ".join(sorted(UPLOAD_SUFFIXES))}
            )
        if upload.size > max_wire_bytes():
            raise forms.ValidationError(too_large_message(upload.size))
        return upload


def upload_wires(request):
    """Take a wire file (or a zip) from an editor and leave its import to the worker; its
    report joins the others in "Rapports d'import"."""
    if not may_publish_drafts(request.user):
        raise PermissionDenied
    form = WireUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        upload = WireUpload.objects.create(
            name=Path(file.name).name[:255],
            data=file.read(),
            agency=form.cleaned_data["agency"],
            uploaded_by=request.user,
        )
        import_wire_upload.enqueue(upload.pk)
        messages.success(
            request,
            _(
                "« %(name)s » reçu : son import se fait en arrière-plan, et son rapport paraît "
                "ci-dessous dès qu’il commence."
            )
            % {"name": upload.name},
        )
        return redirect("wagtailsnippets_ingest_importreport:list")
    return TemplateResponse(request, "ingest/admin/upload_wires.html", {"form": form})
