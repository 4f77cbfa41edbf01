"""The back office's "Nouvel article": choose the section, then write; « La une »: the
front page's form, and an article made its lead."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import ArticlePage, HomePage, SectionPage
from .newsroom import lead_with
from .page_types import sections_for_new_article

# Before a sub-section's title, once per level below the top sections.
INDENT = "— "


def section_choices(sections: list[SectionPage]) -> list[tuple[int, str]]:
    """(id, label) of `sections` in tree order, sub-sections indented under theirs."""
    top = min((section.depth for section in sections), default=0)
    return [
        (section.pk, INDENT * (section.depth - top) + section.get_admin_display_title())
        for section in sections
    ]


class NewArticleForm(forms.Form):
    """The section a new article goes in, among those where the user may add one."""

    rubrique = forms.TypedChoiceField(
        label=_("Rubrique"),
        coerce=int,
        error_messages={
            "invalid_choice": _(
                "Vous ne pouvez pas écrire dans cette rubrique : choisissez-en une de la liste."
            )
        },
    )

    def __init__(self, *args, sections: list[SectionPage], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubrique"].choices = section_choices(sections)


class NewArticleView(WagtailAdminTemplateMixin, FormView):
    """Asks for the section (GET, so the dashboard's form needs no token), then opens
    Wagtail's article form under it."""

    template_name = "news/admin/new_article.html"
    page_title = _("Nouvel article")
    header_icon = "doc-full-inverse"
    form_class = NewArticleForm
    http_method_names = ["get", "head", "options"]

    def get_form_kwargs(self):
        kwargs = {"sections": sections_for_new_article(self.request.user)}
        if "rubrique" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            opts = ArticlePage._meta
            return redirect(
                "wagtailadmin_pages:add",
                opts.app_label,
                opts.model_name,
                form.cleaned_data["rubrique"],
            )
        return self.render_to_response(self.get_context_data(form=form))


def front_page(request):
    """« La une »: the front page's form, where the editors arrange it."""
    home = HomePage.objects.first()
    if home is None:
        raise Http404(gettext("Le site n’a pas encore de page d’accueil."))
    if not home.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return redirect("wagtailadmin_pages:edit", home.pk)


def lead(request, page_id: int):
    """« Mettre à la une »: a confirmation, then the article first of the front page's
    stories, and the front page's form, where the editor sees it."""
    article = get_object_or_404(ArticlePage, pk=page_id)
    home = HomePage.objects.first()
    if home is None or not home.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method != "POST":
        return TemplateResponse(request, "news/admin/lead.html", {"page": article})
    title = article.get_admin_display_title()
    try:
        published = lead_with(article=article, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("wagtailadmin_pages:edit", article.pk)
    if published:
        messages.success(
            request, gettext("« %(title)s » est l’article principal de la une.") % {"title": title}
        )
    else:
        messages.warning(
            request,
            gettext(
                "« %(title)s » est en tête des articles à la une, dans le brouillon de la page "
                "d’accueil, qui attendait d’autres modifications : relisez-la, puis publiez-la."
            )
            % {"title": title},
        )
    return redirect("wagtailadmin_pages:edit", home.pk)
