"""The search page, reached from the header's box on every page."""

from typing import NamedTuple
from urllib.parse import urlencode

from django.http import QueryDict
from django.http.request import split_domain_port
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from wagtail.models import Site

from quotidien.errors import takes
from quotidien.news import queries
from quotidien.news.middleware import SITES
from quotidien.news.models import Author
from quotidien.news.pagination import address_with_page
from quotidien.pagecache import pages
from quotidien.text import fold, without_control_characters

from . import results
from .backends import get_backend
from .forms import SearchForm
from .query import QueryError
from .service import search_articles
from .suggestions import suggestion_for


@takes("GET", "HEAD")
def search(request):
    """Search the archive: results with snippets, filters, sorting, pages.

    What the page shows below the header is the same for every reader who asks the same
    thing: it is kept rendered between changes of the index or the site
    (`results.page_content`), so that a reader the page cache cannot serve (logged in)
    costs no search when another reader asked it since.
    """
    # Links to pages need the request's Wagtail site, which Wagtail reads from the
    # database each time: it is kept, under the key SiteMiddleware keeps it for pages.
    # Only the parameters the page reads, those of the page cache's key: the cache renders
    # a page missed with the others as they came (`zz=…`), and the page's links, its
    # redirects and its kept content would repeat them to every reader given that page.
    request.GET = QueryDict(urlencode(pages.shared_parameters(request)))
    hostname, port = split_domain_port(request.get_host())[0], request.get_port()
    request._wagtail_site = SITES.get((hostname, port), lambda: Site.find_for_request(request))
    content = results.page_content(request, lambda: _content(request), backend=get_backend())
    if content.redirect_to:
        return redirect(content.redirect_to)
    context = {"query": _parameters(request).get("q", "").strip(), "content": content.html}
    return render(request, "search/search.html", context, status=content.status)


class Content(NamedTuple):
    """What the page shows below the header: its status and HTML, or the address of the
    page of results it would show under another number."""

    status: int
    html: str = ""
    redirect_to: str = ""


def _parameters(request) -> QueryDict:
    """The request's parameters without control characters: a NUL typed in the address is
    no part of what the reader asks for, and the page must never write it back (in its
    title, its search box, a filter's field)."""
    parameters = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        parameters.setlist(name, [without_control_characters(value) for value in values])
    return parameters


def _content(request) -> Content:
    """The status of the page and the HTML of its content: the form, the results or a
    message, and what goes with them. All of it comes from the request's parameters and
    what the site publishes, never from who asks (it is kept for every reader)."""
    parameters = _parameters(request)
    form = SearchForm(
        parameters,
        sections=list(queries.section_map(request).values()),
        # In the alphabet's order, « Élias » before « Karim », as on the authors' index.
        authors=sorted(Author.objects.only("pk", "name"), key=lambda author: fold(author.name)),
    )
    query = parameters.get("q", "").strip()
    context = {"form": form, "query": query, "results": None, "message": ""}
    # A filter set keeps the « Affiner » panel open, where small screens fold it.
    context["refined"] = any(parameters.get(name) for name in form.fields if name != "q")
    if form.is_valid():
        # The page's search, its suggestion and the search of the suggestion: the same
        # filters each time, live pages ("directs") among the results.
        searched = {**form.search_arguments(), "live_pages": True}
        page = request.GET.get("page")
        try:
            context["results"] = search_articles(**searched, page=page, request=request)
        except QueryError as error:
            context["message"] = str(error)
        context["suggestion"] = suggestion_for(context["results"], **searched)
        if context["suggestion"] is not None:
            # Nothing found as typed, and the suggestion finds articles: they are shown at
            # once, as the results for the words the archive writes (the suggestion's line
            # says that nothing matched as typed).
            context["results"] = search_articles(
                **{**searched, "query": context["suggestion"].text}, page=page, request=request
            )
            context["corrected"] = True
        elif context["results"] is not None and not context["results"].count:
            filtered = form.narrows()
            context["message"] = (
                _("Aucun article ne correspond à « %(query)s » avec ces filtres.")
                if filtered
                else _("Aucun article ne correspond à « %(query)s ».")
            ) % {"query": query}
            # The same words without the filters, which may find some.
            context["unfiltered"] = "?" + urlencode({"q": query}) if filtered else ""
    if (address := _address_of_page_shown(request, context["results"])) is not None:
        return Content(302, redirect_to=address)
    # Filters that are not ones get the form's French messages, as a refusal (400).
    status = 200 if form.is_valid() else 400
    return Content(status, render_to_string("search/_content.html", context, request))


def _address_of_page_shown(request, found) -> str | None:
    """The address of the page of results shown, when the request names it otherwise
    ("?page=999" past the last page, "?page=abc", "?page=1"): the reader goes there, and
    each page of results has one address, kept once by the caches."""
    if "page" not in request.GET:
        return None
    shown = found.page.number if found is not None else 1
    if request.GET.getlist("page") == [str(shown)] and shown > 1:
        return None
    return address_with_page(request, shown)
