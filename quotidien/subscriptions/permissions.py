"""Who may manage readers' subscriptions: one place for the services, views and menus."""

from wagtail.admin.menu import MenuItem

PERMISSION = "subscriptions.change_subscription"


def can_manage_subscriptions(user) -> bool:
    """Whether `user` may activate, extend, cancel readers' subscriptions and see the figures.

    The Service abonnés group and superusers: subscriptions are personal and financial data.
    """
    return bool(user and user.is_active and user.has_perm(PERMISSION))


class SubscriberServiceMenuItem(MenuItem):
    """A back-office menu item shown to the Service abonnés only."""

    def is_shown(self, request):
        return can_manage_subscriptions(request.user)
