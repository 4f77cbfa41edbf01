"""The editors' table of name variants in the back office (Variantes des noms)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import NameVariants


class NameVariantsViewSet(ModelViewSet):
    """Spellings of one name that search treats as one; a change counts for the next
    search, without indexing the archive again."""

    model = NameVariants
    icon = "search"
    menu_label = _("Variantes des noms")
    menu_order = 160
    add_to_admin_menu = True
    name = "variantes-des-noms"
    form_fields = ["name", "spellings"]
    list_display = ["name", "spellings", "updated_at"]
    search_fields = ["name", "spellings"]
    copy_view_enabled = False
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def name_variants_viewset():
    return NameVariantsViewSet()
