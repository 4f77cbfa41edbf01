"""The newsroom's back office: authors and agencies beside the page tree."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Agency, Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role"]
    search_fields = ["name", "role"]


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "site"
    list_display = ["name", "short_name"]


class BylineViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, AgencyViewSet)
    menu_icon = "group"
    menu_label = _("Signatures")
    menu_name = "signatures"


register_snippet(BylineViewSetGroup)
