"""Who may moderate: one place for the views, the menus and the classifier's pages."""

from wagtail.admin.menu import MenuItem

PERMISSION = "comments.moderate_comment"


def can_moderate(user) -> bool:
    """Whether `user` may work through the comment queue and see the classifier's reports."""
    return user.is_active and user.has_perm(PERMISSION)


class ModeratorsOnlyMenuItem(MenuItem):
    """A back-office menu item shown to moderators only."""

    def is_shown(self, request):
        return can_moderate(request.user)
