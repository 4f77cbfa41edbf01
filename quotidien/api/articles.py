"""Articles: the list (filters, pagination) and one article with its body."""

from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date
from ninja import Field, Query, Router, Schema
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from quotidien.news import queries

from . import content
from .access import OPTIONAL_READER_AUTH, OPTIONAL_READER_SECURITY, api_access, mark_answer
from .errors import error_responses
from .schemas import ArticleDetail, ArticleList, WholeNumber

router = Router(tags=["Articles"])

MAX_LIMIT = 100
MAX_OFFSET = 100_000
SLUG_PATTERN = r"^[-\w]+$"


def _section_number_in_range(section: str | None) -> str | None:
    """A section named by number must fit the database's 64-bit keys to be looked up."""
    if section is not None and content.is_number(section) and int(section) > content.MAX_ID:
        raise PydanticCustomError("section_number_too_big", "section number too big")
    return section


# A section filter: its number or its slug (the schema says the pattern, this the range).
SectionFilter = Annotated[str | None, AfterValidator(_section_number_in_range)]


def date_or_datetime(schema: dict) -> None:
    """Document a date filter as an ISO date or date-time string (parsed by content.moment)."""
    schema["anyOf"] = [
        {"type": "string", "format": "date"},
        {"type": "string", "format": "date-time", "maxLength": 40},
    ]


class ArticleFilters(Schema):
    section: SectionFilter = Field(
        None, description="Rubrique : numéro ou slug.", max_length=100, pattern=SLUG_PATTERN
    )
    tag: str | None = Field(
        None, description="Slug du mot-clé.", max_length=100, pattern=SLUG_PATTERN
    )
    since: str | None = Field(
        None,
        description="Publiés à partir de cette date (AAAA-MM-JJ ou date-heure ISO 8601).",
        max_length=40,
        json_schema_extra=date_or_datetime,
    )
    until: str | None = Field(
        None,
        description="Publiés jusqu’à cette date, journée comprise (AAAA-MM-JJ ou date-heure).",
        max_length=40,
        json_schema_extra=date_or_datetime,
    )
    limit: WholeNumber = Field(20, ge=1, le=MAX_LIMIT, description="Articles par page.")
    offset: WholeNumber = Field(0, ge=0, le=MAX_OFFSET, description="Articles à sauter.")


@router.get(
    "/",
    response={200: ArticleList, **error_responses(400, 404, 429)},
    summary="Liste des articles publiés",
    description=(
        "Du plus récent au plus ancien. Filtres : rubrique (identifiant ou slug, sous-rubriques "
        "comprises), mot-clé (slug), dates de première publication (`since` ≥, `until` ≤ ; "
        "une date seule couvre sa journée). Pagination par `limit` et `offset`."
    ),
)
def list_articles(request: HttpRequest, filters: Query[ArticleFilters]):
    section, tag, since, until = filters.section, filters.tag, filters.since, filters.until
    limit, offset = filters.limit, filters.offset
    ids = content.filtered_article_ids(section=section, tag=tag, since=since, until=until)
    count = ids.count()
    page_ids = list(ids[offset : offset + limit])
    params = {"section": section, "tag": tag, "since": since, "until": until}
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        **content.offset_links(request, params, count=count, limit=limit, offset=offset),
        "items": content.article_summaries(page_ids, request),
    }


@router.get(
    "/{article_id}/",
    auth=OPTIONAL_READER_AUTH,
    openapi_extra={"security": OPTIONAL_READER_SECURITY},
    response={200: ArticleDetail, **error_responses(400, 401, 404, 429)},
    summary="Un article publié",
    description=(
        "Le corps en blocs structurés et en HTML rendu, la photo, les signatures. "
        "Un article réservé aux abonnés (`access` : `subscribers`) est donné en entier aux "
        "abonnés et à la rédaction, avec leur jeton de lecteur (ou leur session sur le "
        "site) ; aux autres, son début seulement, en un paragraphe (`locked` : vrai). "
        "L’API ne décompte pas les articles gratuits du mois. Un article lu en entier par un "
        "abonné n’est jamais mis en cache (`Cache-Control: private, no-store`). Un jeton "
        "invalide ou expiré est refusé (401) : demandez-en un autre."
    ),
)
def get_article(request: HttpRequest, response: HttpResponse, article_id: WholeNumber):
    article = content.live_article(article_id, request)
    # The section trail first: whether the article is for subscribers depends on it.
    queries.attach_sections([article], queries.section_map(request))
    access = api_access(request, article)
    mark_answer(response, access)
    if article.last_published_at:
        response["Last-Modified"] = http_date(article.last_published_at.timestamp())
    return content.article_detail(article, request, access)
