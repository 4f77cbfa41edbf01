"""Find the page a URL names in one query, where Wagtail asks the tree one level at a time."""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from quotidien.pagecache import reads

ROUTES = reads.KeptReads("route", 64)

# The most segments an address of the site has: home, sections and sub-sections, an article
# and one of its routes take five or six; treebeard's path column stops a tree at 63 levels.
# Deeper addresses name no page and are answered 404 before the tree is searched, which
# costs one term per segment.
MAX_PATH_SEGMENTS = 32


def page_at(root: Page, components: list[str]) -> tuple[Page | None, list[str]]:
    """`deepest_page()` as its specific page, kept until something is published or moved.

    Raises Http404, asking nothing, for an address of more than MAX_PATH_SEGMENTS segments.
    """
    if len(components) > MAX_PATH_SEGMENTS:
        raise Http404

    def read():
        page, remaining = deepest_page(root, components)
        return (page.specific if page is not None else None), remaining

    return ROUTES.get((root.pk, *components), read)


def deepest_page(root: Page, components: list[str]) -> tuple[Page | None, list[str]]:
    """The deepest page under `root` along `components`, and the components left after it.

    None when the path names no page under `root`, or when a page on the way has routes
    of its own (a routable page answers its routes before its children's URLs): Wagtail's
    own walk then decides.
    """
    if not components:
        return None, components
    prefixes = [
        root.url_path + "/".join(components[:depth]) + "/"
        for depth in range(1, 1 + len(components))
    ]
    # The slug is indexed; the URL path then tells the right page among those of that slug.
    levels = zip(components, prefixes, strict=True)
    matches = list(
        Page.objects.filter(reduce(or_, (Q(slug=slug, url_path=path) for slug, path in levels)))
        .only("pk", "url_path", "content_type_id")
        .order_by("depth")
    )
    if not matches:
        return None, components
    *above, deepest = matches
    if any(issubclass(_model(page), RoutablePageMixin) for page in above):
        return None, components
    return deepest, components[prefixes.index(deepest.url_path) + 1 :]


def _model(page: Page) -> type:
    return ContentType.objects.get_for_id(page.content_type_id).model_class()
