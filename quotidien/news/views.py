"""Public views of the paper that are not Wagtail pages: tag listings and authors' pages."""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from . import authors, queries
from .pagination import address_with_page, paginate


def tag(request, slug: str):
    """All live articles carrying one tag that any reader may open, newest first."""
    subject = get_object_or_404(Tag, slug=slug)
    ids = (
        queries.public_articles()
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


def author(request, slug: str):
    """An author's page: portrait, role, biography, then their articles, newest first."""
    signer = authors.author_by_slug(slug)
    listing = paginate(request, authors.author_article_ids(signer), settings.QUOTIDIEN_PAGE_SIZE)
    return render(
        request,
        "news/authors/author.html",
        {
            "author": signer,
            "listing": listing,
            "articles": queries.article_cards(listing.object_list, request),
        },
    )


def author_index(request):
    """The paper's authors, by name, each leading to their page.

    The index is one list, never numbered: `?page=N` goes to its own address, as on the
    site's pages that show no numbered list (`news.wagtail_hooks`), for each number would
    be one more rendering, past the page cache, of the same page.
    """
    if "page" in request.GET:
        return HttpResponsePermanentRedirect(address_with_page(request, None))
    return render(request, "news/authors/index.html", {"authors": authors.all_authors()})
