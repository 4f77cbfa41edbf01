"""An entity's page, /sujets/<slug>/: its articles, newest first, the entities named
beside it, and its RSS feed."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from quotidien.news import queries as news_queries
from quotidien.news.pagination import paginate

from . import queries
from .feeds import EntityArticlesFeed


@require_safe
def entity(request, slug: str):
    found = queries.visible_entity(slug)
    if found.slug != slug:
        # A merged entity's address leads to the one it was merged into, for good.
        return redirect(found, permanent=True)
    ids = queries.entity_article_ids(found)
    listing = paginate(request, ids, settings.QUOTIDIEN_PAGE_SIZE)
    return render(
        request,
        "entities/entity.html",
        {
            "entity": found,
            "listing": listing,
            "articles": news_queries.article_cards(listing.object_list, request),
            "related": queries.related_entities(found) if listing.number == 1 else [],
        },
    )


@require_safe
def entity_rss(request, slug: str):
    found = queries.visible_entity(slug)
    if found.slug != slug:
        return redirect("entity-rss", found.slug, permanent=True)
    return EntityArticlesFeed()(request, slug=slug)
