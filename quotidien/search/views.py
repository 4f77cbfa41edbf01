"""The search page, reached from the header's box on every page."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from quotidien.news import queries
from quotidien.news.models import Author
from quotidien.text import fold

from .forms import SearchForm
from .query import QueryError
from .service import search_articles
from .suggestions import suggestion_for


def search(request):
    """Search the archive: results with snippets, filters, sorting, pages."""
    form = SearchForm(
        request.GET,
        sections=list(queries.section_map(request).values()),
        # In the alphabet's order, « Élias » before « Karim », as on the authors' index.
        authors=sorted(Author.objects.only("pk", "name"), key=lambda author: fold(author.name)),
    )
    query = request.GET.get("q", "").strip()
    context = {"form": form, "query": query, "results": None, "message": ""}
    if form.is_valid():
        try:
            context["results"] = search_articles(
                **form.search_arguments(), page=request.GET.get("page"), request=request
            )
        except QueryError as error:
            context["message"] = str(error)
        else:
            if not context["results"].count:
                context["message"] = _("Aucun article ne correspond à « %(query)s ».") % {
                    "query": query
                }
        context["suggestion"] = suggestion_for(context["results"], **form.search_arguments())
    # Filters that are not ones get the form's French messages, as a refusal (400).
    return render(request, "search/search.html", context, status=200 if form.is_valid() else 400)
