"""The editors' back office for corrections: a Wagtail viewset whose « add » starts from
the article and whose changes and deletions go through the services, which check and log
them. The right-of-reply requests are in request_views.py."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from . import queries, services
from .admin_forms import CorrectionAddForm, CorrectionChangeForm
from .models import Correction


class CorrectionCreateView(CreateView):
    """« Ajouter un rectificatif »: the article comes chosen from its page's header."""

    def get_initial(self):
        initial = super().get_initial()
        article = queries.live_article(self.request.GET.get("article"), public=False)
        if article is not None:
            initial["article"] = article.pk
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return services.add_correction(
            article=data["article"],
            kind=data["kind"],
            text=data["text"],
            published_at=data["published_at"],
            requester_name=data.get("requester_name", ""),
            editor_note=data.get("editor_note", ""),
            by=self.request.user,
        )


class CorrectionEditView(EditView):
    """A correction changed through `services.change_correction`, logged on its article."""

    def save_instance(self):
        data = self.form.cleaned_data
        return services.change_correction(
            correction=self.object,
            kind=data.get("kind"),
            text=data["text"],
            published_at=data["published_at"],
            requester_name=data.get("requester_name", ""),
            editor_note=data.get("editor_note"),
            by=self.request.user,
        )


class CorrectionDeleteView(DeleteView):
    """A correction deleted through `services.delete_correction`: a published reply stays."""

    def delete_action(self):
        services.delete_correction(correction=self.object, by=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.get_success_url())


class CorrectionIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("article", "created_by")
            .order_by("-published_at", "-pk")
        )


class CorrectionViewSet(ModelViewSet):
    """Rectificatifs: every correction, newest first."""

    model = Correction
    icon = "edit"
    menu_label = gettext_lazy("Rectificatifs")
    menu_order = 155
    add_to_admin_menu = True
    name = "rectificatifs"
    index_view_class = CorrectionIndexView
    add_view_class = CorrectionCreateView
    edit_view_class = CorrectionEditView
    delete_view_class = CorrectionDeleteView
    copy_view_enabled = False
    list_display = [
        "article",
        "kind",
        Column(
            "published_at",
            label=gettext_lazy("Date affichée"),
            sort_key="published_at",
        ),
        Column(
            "created_by",
            label=gettext_lazy("Ajouté par"),
            # The name the request history shows (« Rita Chidiac »), not the login.
            accessor=lambda correction: (
                correction.created_by.get_display_name() if correction.created_by else ""
            ),
        ),
    ]
    list_filter = ["kind"]

    def get_form_class(self, for_update: bool = False):
        return CorrectionChangeForm if for_update else CorrectionAddForm
