"""Public views of the paper that are not Wagtail pages: tag listings and search."""

import re

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from taggit.models import Tag

from . import queries
from .models import ArticlePage, paginate

MAX_QUERY_LENGTH = 200
# The search engines' own syntax (quotes, operators) is not the readers': keep the words.
WORDS = re.compile(r"\w+")


def tag(request, slug: str):
    """All live articles carrying one tag, newest first."""
    subject = get_object_or_404(Tag, slug=slug)
    ids = (
        ArticlePage.objects.live()
        .filter(tagged_items__tag=subject)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)
    )
    listing = paginate(request, ids, settings.QUOTIDIEN_PAGE_SIZE)
    return render(
        request,
        "news/tag.html",
        {
            "tag": subject,
            "listing": listing,
            "articles": queries.article_cards(listing.object_list, request),
        },
    )


def search(request):
    """Search the archive from the header's box."""
    query = request.GET.get("q", "").strip()
    context = {"query": query, "articles": [], "listing": None, "message": ""}
    if not query:
        context["message"] = _("Saisissez un ou plusieurs mots pour rechercher dans nos articles.")
    elif len(query) > MAX_QUERY_LENGTH:
        context["message"] = _(
            "Votre recherche est trop longue : %(max)d caractères au plus, s’il vous plaît."
        ) % {"max": MAX_QUERY_LENGTH}
    elif not (words := " ".join(WORDS.findall(query))):
        context["message"] = _(
            "Saisissez au moins un mot : votre recherche ne contient que des signes."
        )
    else:
        results = ArticlePage.objects.live().search(words, operator="and")
        listing = paginate(request, results, settings.QUOTIDIEN_PAGE_SIZE)
        context["listing"] = listing
        context["articles"] = queries.article_cards(
            [article.pk for article in listing.object_list], request
        )
        if not context["articles"]:
            context["message"] = _("Aucun article ne correspond à « %(query)s ».") % {
                "query": query
            }
    return render(request, "news/search.html", context)
