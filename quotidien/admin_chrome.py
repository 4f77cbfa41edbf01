"""The back office's furniture: Wagtail's « what's new » and its English editors' guide
are left out of the help menu, where each showed a « nouveaux éléments » badge to every
member of the newsroom until they dismissed it; a page's form is headed by its type in
French."""

from django.utils.translation import pgettext
from wagtail import hooks
from wagtail.admin.views.pages import edit
from wagtail.admin.viewsets import pages
from wagtail.models import Page

# The catalogue's context of « Modification de l’article » for the page type « Article ».
EDITING = "modification d’une page de ce type"

# Help-menu items of Wagtail's that point to its own news and guide, in English.
WAGTAIL_NEWS = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("construct_help_menu")
def without_wagtail_news(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_NEWS)]


class EditView(edit.EditView):
    """A page's form headed « Modification de l’article », « Modification de la
    rubrique »: the French for each page type (which Wagtail's one message for all types
    cannot give) comes from the catalogue, under the context EDITING."""

    def get_page_title(self):
        type_name = str(self.page_class.get_verbose_name())
        heading = pgettext(EDITING, type_name)
        return heading if heading != type_name else super().get_page_title()


class PageViewSet(pages.PageViewSet):
    edit_view_class = EditView


@hooks.register("register_admin_viewset")
def page_viewset():
    """Every page type's views, Wagtail's own but for the heading of the form."""
    return PageViewSet("quotidien_pages", model=Page)
