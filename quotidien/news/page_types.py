"""Which pages a member of staff may create, and where: the back office asks here.

Wagtail lets anyone with the "add" page permission create any page type allowed under a
page. The paper's sections and its own pages (charte, mentions légales, contact) are its
structure: a page type that says so (`structure_page = True`) also takes the model's own
"add" permission (`news.add_sectionpage`, `sitepages.add_informationpage`), which the
Éditeurs group has and the Journalistes group has not.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import ArticlePage, SectionPage


def may_create(user: AbstractBaseUser | AnonymousUser, page_class: type[Page]) -> bool:
    """Whether `user` may create pages of `page_class` where the page tree allows them."""
    if not getattr(page_class, "structure_page", False):
        return True
    opts = page_class._meta
    return user.has_perm(f"{opts.app_label}.add_{opts.model_name}")


def sections_for_new_article(user: AbstractBaseUser | AnonymousUser) -> list[SectionPage]:
    """The sections where `user` may add an article, in the order of the page tree."""
    if not may_create(user, ArticlePage):
        return []
    policy = PagePermissionPolicy(SectionPage)
    return list(
        policy.instances_user_has_permission_for(user, "add")
        .filter(depth__gt=1)
        .only("id", "title", "draft_title", "depth", "path")
        .order_by("path")
    )
