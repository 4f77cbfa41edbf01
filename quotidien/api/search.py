"""Searching the archive: the search page's engine, in JSON."""

import re
from datetime import date
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from quotidien.news.models import Author
from quotidien.search.forms import FIRST_DAY, LAST_DAY
from quotidien.search.query import QueryError
from quotidien.search.service import search_articles
from quotidien.search.suggestions import suggest

from . import content
from .articles import SLUG_PATTERN, SectionFilter
from .errors import VALIDATION_MESSAGES, ApiError, error_responses, invalid_parameter
from .schemas import SearchResults, WholeNumber

router = Router(tags=["Recherche"])

MAX_PAGE = 1000
MAX_LIMIT = 50
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value):
    """A day written as the schema says (AAAA-MM-JJ): pydantic alone would also read a
    number of seconds since 1970 ("0.0") as a day."""
    if isinstance(value, str) and not ISO_DAY.fullmatch(value):
        raise PydanticCustomError("date_parsing", "Date attendue (AAAA-MM-JJ).")
    return value


def _in_calendar(value: date) -> date:
    """A day the archive's calendar holds (FIRST_DAY to LAST_DAY, as the search page)."""
    if not FIRST_DAY <= value <= LAST_DAY:
        raise PydanticCustomError(
            "date_out_of_range",
            VALIDATION_MESSAGES["date_out_of_range"],
            {"first": f"{FIRST_DAY:%d/%m/%Y}", "last": f"{LAST_DAY:%d/%m/%Y}"},
        )
    return value


Day = Annotated[date, BeforeValidator(_iso_day), AfterValidator(_in_calendar)]


class SearchParams(Schema):
    q: str = Field(
        min_length=1,
        max_length=200,
        description="Les mots cherchés, comme dans la case du site : « entre guillemets » "
        "pour une expression, -mot pour l’exclure.",
    )
    section: SectionFilter = Field(
        None, description="Rubrique : numéro ou slug.", max_length=100, pattern=SLUG_PATTERN
    )
    author: str | None = Field(
        None, description="Slug de l’auteur.", max_length=100, pattern=SLUG_PATTERN
    )
    since: Day | None = Field(
        None, description="Publiés à partir de ce jour (AAAA-MM-JJ, de 1900 à 2999)."
    )
    until: Day | None = Field(
        None, description="Publiés jusqu’à ce jour compris (AAAA-MM-JJ, de 1900 à 2999)."
    )
    order: Literal["relevance", "date"] = Field(
        "relevance", description="Par pertinence ou du plus récent au plus ancien."
    )
    page: WholeNumber = Field(1, ge=1, le=MAX_PAGE, description="Page de résultats.")
    limit: WholeNumber = Field(20, ge=1, le=MAX_LIMIT, description="Articles par page.")


@router.get(
    "/",
    response={200: SearchResults, **error_responses(400, 404, 429)},
    summary="Rechercher dans les articles",
    description=(
        "La recherche du site : mots sous toutes leurs formes (« élections » trouve "
        "« électoral »), sans accents ni majuscules qui comptent, expressions et exclusions. "
        "Chaque résultat porte un extrait où les mots sont marqués ; pour un article réservé "
        "aux abonnés, son chapô seulement, jamais son texte (il est trouvé par les mots de "
        "son texte, sans qu’ils soient montrés). Pagination par `page` et `limit`. Quand "
        "elle ne trouve rien, `suggestion` propose la même recherche écrite avec les "
        "mots des articles (une faute de frappe corrigée), à relancer telle quelle."
    ),
)
def search(request: HttpRequest, params: Query[SearchParams]):
    if params.since and params.until and params.since > params.until:
        raise invalid_parameter("since", "La date de début doit précéder la date de fin.")
    section = content.live_sections(params.section)[0] if params.section else None
    author = None
    if params.author:
        author = Author.objects.filter(slug=params.author).first()
        if author is None:
            raise ApiError(404, f"Aucun auteur « {params.author} ».")
    try:
        results = search_articles(
            query=params.q,
            section=section,
            author=author,
            since=params.since,
            until=params.until,
            order=params.order,
            page=params.page,
            per_page=params.limit,
            request=request,
        )
    except QueryError as error:
        raise invalid_parameter("q", str(error)) from None
    suggestion = suggest(
        query=params.q,
        found=results.count,
        section=section,
        author=author,
        since=params.since,
        until=params.until,
    )
    page = results.page
    query = params.dict(exclude={"page"})
    return {
        "count": results.count,
        "more": results.more,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "limit": params.limit,
        "suggestion": suggestion.text if suggestion else None,
        "next": content.page_link(request, query, page=page.number + 1)
        if page.has_next()
        else None,
        "previous": content.page_link(request, query, page=page.number - 1)
        if page.has_previous()
        else None,
        "items": [
            {**summary, "snippet_html": str(card.search_snippet)}
            for card, summary in zip(
                results.articles, content.card_summaries(results.articles, request), strict=True
            )
        ],
    }
