"""The public JSON API, version 1: /api/v1/ (schema at /api/v1/openapi.json, docs at /api/v1/docs).

Built on django-ninja: Wagtail 8's own API is, the pydantic schemas that check our answers
also write the OpenAPI schema, and plain functions stay plain functions.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from quotidien.links import public_url

from . import articles, comments, readers, search, sections, wires
from .caching import conditional_read
from .errors import install_handlers


class FrenchJSONRenderer(JSONRenderer):
    """JSON with accented letters as they are, not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class QuotidienAPI(NinjaAPI):
    """NinjaAPI whose successful reads carry caching headers and answer 304 when current."""

    def create_response(
        self,
        request: HttpRequest,
        data,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return conditional_read(request, response)


api = QuotidienAPI(
    title="Quotidien — API publique",
    version="1",
    description=(
        "Articles, rubriques, recherche, commentaires des lecteurs et envoi de dépêches "
        "d’agence. Lecture libre (réponses en cache public une minute, ETag et 304) ; "
        "les articles réservés aux abonnés en entier avec le jeton d’un lecteur abonné, "
        "réponses jamais mises en cache ; "
        "écriture authentifiée (jeton de lecteur ou session, jeton d’agence) et limitée en "
        "débit. "
        "Les erreurs ont toutes la forme "
        '`{"erreur": {"code": …, "message": …, "details": [...]}}`, message en français.'
    ),
    urls_namespace="api-v1",
    renderer=FrenchJSONRenderer(),
)
install_handlers(api)


def index(request: HttpRequest) -> HttpResponse:
    """/api/v1/: where the endpoints and their documentation are."""
    base = public_url(request.path)
    return JsonResponse(
        {
            "openapi": base + "openapi.json",
            "documentation": base + "docs",
            "articles": base + "articles/",
            "sections": base + "sections/",
            "search": base + "search/",
            "reader_token": base + "readers/token/",
            "wires": base + "wires/",
        },
        json_dumps_params={"ensure_ascii": False},
    )


api.add_router("/articles/", articles.router)
api.add_router("/articles/", comments.router)
api.add_router("/sections/", sections.router)
api.add_router("/search/", search.router)
api.add_router("/readers/", readers.router)
api.add_router("/wires/", wires.router)

__all__ = ["api"]
