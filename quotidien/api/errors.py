"""One JSON shape for every error of the API, in French, with the right status code.

{"erreur": {"code": "introuvable", "message": "…", "details": [{"cible": "…", "message": "…"}]}}
"""

import logging
from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.http.multipartparser import MultiPartParserError
from ninja import Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ConfigDict

logger = logging.getLogger("quotidien.api")

CODES = {
    400: "requete_invalide",
    401: "non_authentifie",
    403: "interdit",
    404: "introuvable",
    405: "methode_non_autorisee",
    413: "trop_volumineux",
    415: "type_non_pris_en_charge",
    422: "donnees_invalides",
    429: "trop_de_requetes",
    500: "erreur_interne",
}
MESSAGES = {
    400: "La requête est invalide : corrigez les paramètres indiqués.",
    401: "Authentification requise : envoyez « Authorization: Bearer <jeton> ».",
    403: "Vous n’avez pas le droit de faire cela.",
    404: "Ressource introuvable.",
    405: "Méthode HTTP non autorisée pour cette adresse.",
    413: "Contenu trop volumineux.",
    415: "Type de contenu non pris en charge.",
    422: "Les données envoyées sont invalides.",
    429: "Trop de requêtes : réessayez dans quelques instants.",
    500: "Erreur interne du serveur, gardée dans les journaux pour l’équipe technique.",
}

INVALID_PARAMETERS = "Paramètres invalides : voir le détail."
UNREADABLE_BODY = "Corps de requête illisible : envoyez un objet JSON valide (application/json)."


class ErrorDetail(Schema):
    cible: str
    message: str


class ErrorBody(Schema):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(Schema):
    # Explicit rather than the docstring, which the production server does not keep.
    model_config = ConfigDict(
        json_schema_extra={"description": "Le corps de toute réponse d’erreur."}
    )

    erreur: ErrorBody


class ApiError(Exception):
    """Raise from an endpoint to answer with the error shape: status, code and French message."""

    def __init__(
        self,
        status: int,
        message: str = "",
        *,
        code: str = "",
        details: list[dict] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "erreur")
        self.message = message or MESSAGES.get(status, "Erreur.")
        self.details = details or []
        self.headers = headers or {}


def invalid_parameter(target: str, message: str) -> ApiError:
    """A 400 naming the query parameter at fault and what is wrong with it."""
    return ApiError(400, INVALID_PARAMETERS, details=[{"cible": target, "message": message}])


def error_payload(status: int, message: str = "", *, code: str = "", details=None) -> dict:
    return {
        "erreur": {
            "code": code or CODES.get(status, "erreur"),
            "message": message or MESSAGES.get(status, "Erreur."),
            "details": details or [],
        }
    }


def error_response(status: int, message: str = "", *, code: str = "", details=None, headers=None):
    response = JsonResponse(
        error_payload(status, message, code=code, details=details),
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_responses(*statuses: int) -> dict[int, type[ErrorResponse]]:
    """The `response=` entries of an operation's documented errors."""
    return dict.fromkeys(statuses, ErrorResponse)


VALIDATION_MESSAGES = {
    "missing": "Champ obligatoire.",
    "int_parsing": "Nombre entier attendu.",
    "int_type": "Nombre entier attendu.",
    "int_from_float": "Nombre entier attendu.",
    "greater_than_equal": "Doit être supérieur ou égal à {ge}.",
    "greater_than": "Doit être supérieur à {gt}.",
    "less_than_equal": "Doit être inférieur ou égal à {le}.",
    "less_than": "Doit être inférieur à {lt}.",
    "string_too_long": "Texte trop long : {max_length} caractères au plus.",
    "string_too_short": "Texte trop court : {min_length} caractère(s) au moins.",
    "string_type": "Texte attendu.",
    "string_pattern_mismatch": "Format invalide.",
    "date_parsing": "Date attendue (AAAA-MM-JJ).",
    "date_from_datetime_parsing": "Date attendue (AAAA-MM-JJ).",
    "date_from_datetime_inexact": "Date attendue (AAAA-MM-JJ).",
    "datetime_parsing": "Date-heure ISO 8601 attendue (AAAA-MM-JJTHH:MM:SS+01:00).",
    "datetime_from_date_parsing": "Date-heure ISO 8601 attendue (AAAA-MM-JJTHH:MM:SS+01:00).",
    "datetime_type": "Date-heure ISO 8601 attendue.",
    "date_type": "Date attendue (AAAA-MM-JJ).",
    "date_out_of_range": "Date du {first} au {last} attendue.",
    "json_invalid": "JSON illisible.",
    "model_attributes_type": "Objet JSON attendu.",
    "dict_type": "Objet JSON attendu.",
    "list_type": "Liste attendue.",
    "bool_parsing": "Booléen attendu (true ou false).",
    "enum": "Valeur non permise.",
    "literal_error": "Valeur non permise.",
    "value_error": "Valeur invalide.",
    "section_number_too_big": "Numéro de rubrique trop grand : aucune rubrique ne le porte.",
}


# Pydantic adds the member of a union (`since.date`) or a parameter group to an error's place.
TYPE_TAGS = {"date", "datetime", "int", "str", "float", "bool", "none", "filters"}


# What a parameter's pattern asks for, said plainly.
PATTERN_MESSAGES = {
    "section": "Numéro ou slug de rubrique attendu (lettres, chiffres, tirets).",
    "tag": "Slug de mot-clé attendu (lettres, chiffres, tirets).",
    "data.email": "Adresse e-mail attendue, sans caractère de contrôle.",
}


def _validation_detail(error: dict) -> dict:
    location = [str(part) for part in error.get("loc", ())][1:]
    location = [part for part in location if part not in TYPE_TAGS and "[" not in part]
    target = ".".join(location)
    template = VALIDATION_MESSAGES.get(error.get("type", ""), "Valeur invalide.")
    if error.get("type") == "string_pattern_mismatch" and target in PATTERN_MESSAGES:
        template = PATTERN_MESSAGES[target]
    try:
        message = template.format(**error.get("ctx", {}))
    except (KeyError, IndexError, ValueError):
        message = template
    return {"cible": target or "requête", "message": message}


def body_too_big_message() -> str:
    """The 413 of a body past Django's DATA_UPLOAD_MAX_MEMORY_SIZE, saying the limit."""
    megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
    limit = f"{megabytes:.1f}".removesuffix(".0").replace(".", ",")
    return f"Contenu trop volumineux : {limit} Mo au plus par requête."


def install_handlers(api) -> None:
    """Replace django-ninja's English errors with the API's French ones."""

    def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        locations = {str(error.get("loc", ("",))[0]) for error in exc.errors}
        status = 422 if locations == {"body"} else 400
        details = list(
            {
                detail["cible"]: detail
                for detail in reversed([_validation_detail(error) for error in exc.errors])
            }.values()
        )[::-1]
        message = MESSAGES[422] if status == 422 else INVALID_PARAMETERS
        return api.create_response(
            request, error_payload(status, message, details=details), status=status
        )

    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        response = api.create_response(
            request,
            error_payload(exc.status, exc.message, code=exc.code, details=exc.details),
            status=exc.status,
        )
        for name, value in exc.headers.items():
            response[name] = value
        return response

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        message = str(exc) if exc.args and str(exc) else MESSAGES[404]
        return api.create_response(request, error_payload(404, message), status=404)

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status = exc.status_code
        message = MESSAGES.get(status, "")
        if isinstance(exc, AuthenticationError):
            message = MESSAGES[401]
        elif status == 400:  # django-ninja could not parse the body
            message = UNREADABLE_BODY
        elif status == 403 and "CSRF" in str(exc):
            message = (
                "Vérification CSRF échouée : avec la session du site, envoyez l’en-tête "
                "X-CSRFToken ; une application utilise plutôt un jeton de lecteur."
            )
        elif isinstance(exc, AuthorizationError):
            message = MESSAGES[403]
        elif isinstance(exc, Throttled):
            message = MESSAGES[429]
        response = api.create_response(request, error_payload(status, message), status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    def on_unreadable_body(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        return api.create_response(request, error_payload(400, UNREADABLE_BODY), status=400)

    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return api.create_response(request, error_payload(413, body_too_big_message()), status=413)

    def on_exception(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        return api.create_response(request, error_payload(500), status=500)

    api.add_exception_handler(NinjaValidationError, on_validation)
    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(MultiPartParserError, on_unreadable_body)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
    api.add_exception_handler(Exception, on_exception)


def json_method_errors(view):
    """Wrap a django-ninja URL view: 405 in the error shape, a 400 for a query parameter
    given twice, and HEAD answered as GET."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if repeated := [name for name, values in request.GET.lists() if len(values) > 1]:
            # Every parameter of the API takes one value: of two, Django would read the
            # last one silently.
            return error_response(
                400,
                INVALID_PARAMETERS,
                details=[
                    {"cible": name, "message": "Donné plusieurs fois : donnez-le une seule fois."}
                    for name in repeated
                ],
            )
        if request.method == "HEAD":
            request.method = "GET"
            response = view(request, *args, **kwargs)
            request.method = "HEAD"
            if not getattr(response, "streaming", False):
                response.content = b""
            return response
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return not_found(request)
        if isinstance(response, HttpResponseNotAllowed):
            return error_response(
                405,
                f"Méthode {request.method} non autorisée ici ; permises : {response['Allow']}.",
                headers={"Allow": response["Allow"]},
            )
        return response

    return wrapped


def not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Any address under /api/ that is not an endpoint."""
    return error_response(
        404, f"Aucune ressource à l’adresse {request.path} : voir /api/v1/docs pour la liste."
    )
