"""The back office's furniture: Wagtail's « what's new » and its English editors' guide
are left out of the help menu, where each showed a « nouveaux éléments » badge to every
member of the newsroom until they dismissed it."""

from wagtail import hooks

# Help-menu items of Wagtail's that point to its own news and guide, in English.
WAGTAIL_NEWS = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("construct_help_menu")
def without_wagtail_news(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_NEWS)]
