"""Numbered lists of the site's pages (a section's articles, an author's, comments): the
page a reader asks for, and which pages read a page number at all."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _

from quotidien.errors import NotFound


class CountedPaginator(Paginator):
    """A paginator told how many items there are: counting a large archive is the slow part."""

    def __init__(self, object_list, per_page: int, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # in place of the cached property that counts


def paginate(request, items, per_page: int, *, count: int | None = None):
    """The requested page of `items`; a page number that is not one gives a 404, not an error."""
    paginator = (
        Paginator(items, per_page) if count is None else CountedPaginator(items, per_page, count)
    )
    number = request.GET.get("page") or 1
    try:
        return paginator.page(number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise NotFound(
            _("Cette page de la liste n’existe pas."),
            back=(address_with_page(request, None), _("Revenir à la première page")),
        ) from error


def reads_page_number(page, request) -> bool:
    """Whether `page` shows a numbered list (`?page=2`) at the address `request` asks: its
    class names the routes that do in `paginated_routes` (True: the page itself does)."""
    routes = getattr(page, "paginated_routes", ())
    if routes is True:
        return True
    match = getattr(request, "routable_resolver_match", None)
    return match is not None and match.url_name in routes


def address_with_page(request, number: int | None) -> str:
    """The address `request` asks for, at page `number` of its list (None or 1: without
    `?page=`, the first page's own address), its other parameters kept."""
    query = request.GET.copy()
    query.pop("page", None)
    if number is not None and number > 1:
        query["page"] = str(number)
    return f"{request.path}?{query.urlencode()}" if query else request.path
