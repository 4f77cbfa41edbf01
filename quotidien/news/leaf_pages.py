"""Page types that hold no other page (articles, live pages, information pages): the back
office's page menus offer them no « Ordre de tri des sous-pages », which would only open an
empty list. Wagtail asks each page for its permissions through `permissions_for_user`, which
a page type may override for that."""

from wagtail.models import PagePermissionTester


class LeafPermissionTester(PagePermissionTester):
    def can_reorder_children(self) -> bool:
        return False


class LeafPageMixin:
    """For a page type whose `subpage_types` is empty."""

    def permissions_for_user(self, user) -> PagePermissionTester:
        return LeafPermissionTester(user, self)
