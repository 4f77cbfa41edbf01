"""Permission policies of the back office shared by several apps."""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy


class ActionsOnlyPermissionPolicy(ModelPermissionPolicy):
    """Rows that change only through their own actions (which check, log and announce each
    change): listed and inspected in the back office, never added, edited as raw rows in a
    generic form, nor deleted there. Subscriptions, right-of-reply requests."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def works_on_pages(user) -> bool:
    """Whether `user` may add, change, publish or lock any page (superusers may)."""
    return PagePermissionPolicy().user_has_any_permission(
        user, {"add", "change", "publish", "bulk_delete", "lock", "unlock"}
    )
