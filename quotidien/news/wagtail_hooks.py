"""The newsroom's back office: authors and agencies beside the page tree, "Nouvel article"
on the dashboard and in the menu, « La une » for the editors, and sections kept for them."""

from django.contrib import messages as django_messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponsePermanentRedirect
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem, SubmitForModerationMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from quotidien import (
    admin_chrome,  # noqa: F401 - the help menu, the page forms' headings
    admin_display,
)
from quotidien.scheduled_messages import say_a_scheduled_page_is_scheduled

from .admin_views import NewArticleForm, NewArticleView, front_page, lead
from .dashboard import ScheduledPanel
from .models import Agency, ArticlePage, Author
from .page_types import may_create, sections_for_new_article
from .pagination import address_with_page, reads_page_number

# Any page, live or not, published or approved for later: the message says for when.
hooks.register("after_create_page", say_a_scheduled_page_is_scheduled)
hooks.register("after_edit_page", say_a_scheduled_page_is_scheduled)

# Every inspect view of the back office (subscribers, right-of-reply requests…) shows
# times in the site's time zone and amounts in French.
admin_display.register()


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role"]
    search_fields = ["name", "role"]


class AgencyChooserViewSet(SnippetChooserViewSet):
    """The article form's agency chooser: whoever may add an agency (journalists too) adds
    a missing one from the chooser, without leaving the article."""

    form_fields = ["name", "short_name", "slug"]
    create_action_label = _("Ajouter l’agence")
    creation_tab_label = _("Nouvelle agence")


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "site"
    list_display = ["name", "short_name"]
    chooser_viewset_class = AgencyChooserViewSet


class BylineViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, AgencyViewSet)
    menu_icon = "group"
    menu_label = _("Signatures")
    menu_name = "signatures"


register_snippet(BylineViewSetGroup)


@hooks.register("register_admin_urls")
def new_article_urls():
    return [
        path("nouvel-article/", NewArticleView.as_view(), name="news_new_article"),
        path("la-une/", front_page, name="news_front_page"),
        path("la-une/<int:page_id>/", lead, name="news_lead"),
    ]


def arranges_front_page(user) -> bool:
    """Whether `user` publishes pages, as the editors who arrange the front page do (read
    from the permissions Wagtail's "Pages" item has cached on the user; the views check
    the front page's own). Journalists, who may change their own drafts, do not."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


class FrontPageMenuItem(MenuItem):
    """ "La une" in the menu: the front page's form, for the editors."""

    def is_shown(self, request):
        return arranges_front_page(request.user)


@hooks.register("register_admin_menu_item")
def front_page_menu_item():
    return FrontPageMenuItem(_("La une"), reverse("news_front_page"), icon_name="home", order=95)


class LeadButton(PageMenuItem):
    """ "Mettre à la une" on a published article, for the editors."""

    label = _("Mettre à la une")
    icon_name = "home"
    url_name = "news_lead"

    def is_shown(self, user):
        page = self.page
        return page.live and page.specific_class is ArticlePage and arranges_front_page(user)


@hooks.register("register_page_header_buttons")
def lead_header_button(page, user, view_name, next_url=None):
    yield LeadButton(page=page, priority=25)


@hooks.register("register_page_listing_more_buttons")
def lead_listing_button(page, user, next_url=None):
    yield LeadButton(page=page, priority=7)


class NewArticleMenuItem(MenuItem):
    """ "Nouvel article" in the menu, for those who may add pages somewhere."""

    def is_shown(self, request):
        # Read from the permissions Wagtail's own "Pages" item has cached on the user.
        return PagePermissionPolicy().user_has_permission(request.user, "add")


@hooks.register("register_admin_menu_item")
def new_article_menu_item():
    return NewArticleMenuItem(
        _("Nouvel article"), reverse("news_new_article"), icon_name="doc-full-inverse", order=90
    )


class NewArticlePanel(Component):
    """The dashboard's "Nouvel article": the section to write in, then Wagtail's form."""

    name = "new_article"
    template_name = "news/admin/new_article_panel.html"
    # First on the dashboard: writing is a journalist's day's work.
    order = 40

    def __init__(self, sections):
        self.sections = sections

    def get_context_data(self, parent_context):
        return {"form": NewArticleForm(sections=self.sections)}


class MyDraftsPanel(Component):
    """The dashboard's « Mes brouillons »: the pages the member started and never put
    online, newest first, a form left half-filled among them (autosave keeps it, and its
    address is taken until it is published or deleted). Wagtail's « recent edits » lists
    only pages saved twice."""

    name = "my_drafts"
    template_name = "news/admin/my_drafts_panel.html"
    order = 45
    shown = 10

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        drafts = list(
            Page.objects.filter(owner=self.user, live=False, first_published_at__isnull=True)
            .prefetch_workflow_states()
            .annotate_approved_schedule()
            .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")[: self.shown]
        )
        parents = Page.objects.in_bulk(
            {draft.path[: -Page.steplen] for draft in drafts}, field_name="path"
        )
        return {
            "drafts": [
                (draft, parents.get(draft.path[: -Page.steplen]), _draft_status(draft))
                for draft in drafts
            ]
        }


def _draft_status(draft: Page) -> str:
    """Wagtail's status of a draft (« brouillon », « en relecture »…), or « modifications
    demandées » once an editor sent it back: Wagtail says « brouillon » again then."""
    state = draft.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("modifications demandées")
    return draft.status_string


@hooks.register("construct_homepage_panels")
def writing_panels(request, panels):
    """« Nouvel article » and « Mes brouillons », for whoever may write somewhere;
    « Programmés », for whoever may publish."""
    if sections := sections_for_new_article(request.user):
        panels.append(NewArticlePanel(sections))
        panels.append(MyDraftsPanel(request.user))
    if PagePermissionPolicy().user_has_permission(request.user, "publish"):
        panels.append(ScheduledPanel(request.user))


@hooks.register("before_create_page")
def refuse_structure_pages_to_writers(request, parent_page, page_class):
    """Only editors create sections and the paper's own pages, whatever address is typed
    (see page_types)."""
    if not may_create(request.user, page_class):
        raise PermissionDenied


@hooks.register("before_serve_page")
def drop_unread_page_number(page, request, serve_args, serve_kwargs):
    """A page that shows no numbered list sends `?page=N` to its own address: each number
    would otherwise be one more rendering, past the page cache, of the same page."""
    if "page" in request.GET and not reads_page_number(page, request):
        return HttpResponsePermanentRedirect(address_with_page(request, None))


@hooks.register("after_edit_page")
def say_an_approved_page_is_published(request, page):
    """After an approval that published the page, Wagtail's message says only that the page
    was saved: say that it is online."""
    if not request.POST.get("action-workflow-action"):
        return None
    if request.POST.get("workflow-action-name") != "approve":
        return None
    state = Page.objects.filter(pk=page.pk).values("live", "has_unpublished_changes").first()
    if not state or not state["live"] or state["has_unpublished_changes"]:
        return None  # still in review, or approved for a later publication
    title = page.get_admin_display_title()
    saved = escape(gettext("Page '%(page_title)s' has been updated.") % {"page_title": title})
    # Reading the messages takes them all; every one but Wagtail's is given back.
    for message in list(django_messages.get_messages(request)):
        if saved not in str(message.message):
            django_messages.add_message(request, message.level, message.message, message.extra_tags)
    messages.success(request, _("« %(title)s » est approuvé et publié.") % {"title": title})
    return None


class SubmitToReviewMenuItem(SubmitForModerationMenuItem):
    """ "Soumettre à la relecture": Wagtail puts the workflow's name in its sentence, which
    read « Soumettre à Relecture de la rédaction »."""

    def get_context_data(self, parent_context):
        context = ActionMenuItem.get_context_data(self, parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page is not None and page.pk else None
        if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Soumettre de nouveau à la relecture")
        else:
            context["label"] = _("Soumettre à la relecture")
        return context


@hooks.register("construct_page_action_menu")
def submit_to_review(menu_items, request, context):
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SubmitToReviewMenuItem(order=item.order)
