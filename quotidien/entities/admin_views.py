"""« Sujets » in the back office: the editors list, search and filter the entities, rename
them, hide those found by mistake and merge those that are one. Changes and merges go
through the services, which log them in the entity's history."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from . import services
from .models import Entity

CHANGE_PERMISSION = "entities.change_entity"


class EntityPermissionPolicy(ModelPermissionPolicy):
    """Entities come from the articles: none is added by hand, and a wrong one is hidden,
    not deleted (it would come back at the article's next publication)."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class AliasesPanel(Panel):
    """The spellings the articles gave the entity, shown, not edited."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "entities/admin/aliases_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["aliases"] = (
                self.instance.aliases.order_by("spelling").values_list("spelling", flat=True)
                if self.instance.pk
                else []
            )
            return context


class EntityIndexView(IndexView):
    def get_base_queryset(self):
        # Merged entities live on in their target only.
        return (
            super()
            .get_base_queryset()
            .filter(merged_into__isnull=True)
            # Distinct: a search on the spellings joins each entity once per spelling found.
            .annotate(article_count=Count("article_links", distinct=True))
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm(CHANGE_PERMISSION):
            buttons.append(
                ListingButton(
                    _("Fusionner"),
                    url=reverse("sujets:merge", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=15,
                )
            )
        return buttons


class EntityEditView(EditView):
    def get_object(self, queryset=None):
        entity = super().get_object(queryset)
        if entity.merged_into_id is not None:
            # A merged entity is edited as the one it went into.
            raise PermissionDenied
        return entity

    def save_instance(self):
        data = self.form.cleaned_data
        return services.change_entity(
            entity=self.object,
            name=data["name"],
            kind=data["kind"],
            hidden=data["hidden"],
            reviewed=data["reviewed"],
            by=self.request.user,
        )


class EntityChooseMixin(PermissionCheckedMixin):
    """The chooser lists the entities still to be found on the site, searched by name,
    to those who may see the entities, hidden ones included."""

    permission_required = "view"

    def get_object_list(self):
        return Entity.objects.filter(merged_into__isnull=True).order_by("name")

    def get_filter_form_class(self):
        return EntitySearchForm


class EntitySearchForm(BaseFilterForm):
    q = forms.CharField(label=_("Nom"), required=False)

    def filter(self, objects):
        objects = super().filter(objects)
        if query := self.cleaned_data.get("q"):
            self.is_searching, self.search_query = True, query
            objects = objects.filter(aliases__spelling__icontains=query).distinct()
        return objects


class EntityChooseView(EntityChooseMixin, chooser_views.ChooseView):
    pass


class EntityChooseResultsView(EntityChooseMixin, chooser_views.ChooseResultsView):
    pass


class EntityChosenView(PermissionCheckedMixin, chooser_views.ChosenView):
    permission_required = "view"


class EntityChooserViewSet(ChooserViewSet):
    model = Entity
    icon = "tag"
    name = "sujets_chooser"
    choose_one_text = _("Choisir un sujet")
    choose_another_text = _("Choisir un autre sujet")
    choose_view_class = EntityChooseView
    choose_results_view_class = EntityChooseResultsView
    chosen_view_class = EntityChosenView


entity_chooser_viewset = EntityChooserViewSet()


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Fusionner dans"),
        queryset=Entity.objects.filter(merged_into__isnull=True),
        widget=entity_chooser_viewset.widget_class,
        help_text=_(
            "Le sujet choisi garde son nom et reçoit les graphies et les articles de celui-ci, "
            "dont l’adresse mènera à la sienne."
        ),
        error_messages={"required": _("Choisissez le sujet dans lequel fusionner celui-ci.")},
    )


@method_decorator(permission_required(CHANGE_PERMISSION, raise_exception=True), name="dispatch")
class MergeView(WagtailAdminTemplateMixin, FormView):
    """« Fusionner » : the entity goes into the one the editor chooses."""

    template_name = "entities/admin/merge.html"
    form_class = MergeForm
    header_icon = "resubmit"

    def dispatch(self, request, pk):
        self.entity = get_object_or_404(Entity, pk=pk, merged_into__isnull=True)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Fusionner « %(name)s »") % {"name": self.entity.name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(entity=self.entity, **kwargs)

    def form_valid(self, form):
        target = form.cleaned_data["target"]
        try:
            services.merge_entities(source=self.entity, target=target, by=self.request.user)
        except ValidationError as error:
            form.add_error("target", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("« %(source)s » est fusionné dans « %(target)s ».")
            % {"source": self.entity.name, "target": target.name},
        )
        return redirect("sujets:edit", target.pk)


class EntityViewSet(ModelViewSet):
    """Sujets: the people, places and organisations the articles name."""

    model = Entity
    icon = "tag"
    menu_label = _("Sujets")
    menu_order = 160
    add_to_admin_menu = True
    name = "sujets"
    index_view_class = EntityIndexView
    edit_view_class = EntityEditView
    copy_view_enabled = False
    list_display = [
        "name",
        "kind",
        "hidden",
        "public",
        Column("article_count", label=_("Articles"), sort_key="article_count"),
    ]
    list_filter = ["kind", "public", "reviewed", "hidden"]
    search_fields = ["name", "aliases__spelling"]
    search_backend_name = None
    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("reviewed"),
        FieldPanel("hidden"),
        AliasesPanel(),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("merge/<int:pk>/", MergeView.as_view(), name="merge"),
        ]
