"""Agencies push wires: POST /api/v1/wires/ with a bearer token, ninjs or NewsML-G2 in the body."""

from django.http import HttpRequest
from django.utils.text import Truncator
from ninja import Router, Status

from quotidien.french.typography import french_size
from quotidien.ingest.formats import max_wire_bytes, too_large_message
from quotidien.ingest.importer import import_pushed_wire
from quotidien.ingest.models import AgencyFeed, ImportReportLine
from quotidien.ingest.stories import max_wire_items, max_wire_paragraphs

from .auth import WireTokenAuth
from .errors import ApiError, error_responses
from .schemas import WireImportOut
from .throttling import WriteThrottle

router = Router(tags=["Dépêches"])

# The longest item name an answer repeats, as the import report keeps it.
ITEM_CHARS = 500
ACCEPTED_TYPES = {
    "",
    "application/json",
    "application/ninjs+json",
    "application/xml",
    "text/xml",
    "application/vnd.iptc.g2.newsitem+xml",
    "application/vnd.iptc.g2.newsmessage+xml",
}
# What the schema can say of a ninjs item; the importer checks the rest and reports it.
NINJS_ITEM = {
    "type": "object",
    "required": ["uri"],
    "properties": {
        "uri": {"type": "string", "minLength": 1, "description": "Identifiant de la dépêche."},
        "version": {"type": ["string", "integer"]},
        "headline": {"type": "string", "description": "Titre (ninjs 1.x)."},
        "headlines": {"type": "array", "description": "Titres (ninjs 2.x)."},
        "body_html": {"type": "string"},
        "bodies": {"type": "array"},
    },
    "additionalProperties": True,
}
REQUEST_BODY = {
    "required": True,
    "description": (
        "Une dépêche : ninjs 1.x ou 2.x (JSON, un objet ou une liste d’objets) ou NewsML-G2 "
        f"(XML, newsItem ou newsMessage), {french_size(max_wire_bytes())} au plus, "
        f"{max_wire_items()} dépêches au plus, {max_wire_paragraphs()} paragraphes au plus par "
        "dépêche : 413 au-delà."
    ),
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    NINJS_ITEM,
                    {
                        "type": "array",
                        "items": NINJS_ITEM,
                        "minItems": 1,
                        "maxItems": max_wire_items(),
                    },
                ]
            }
        },
        "application/xml": {"schema": {"type": "string", "description": "NewsML-G2."}},
    },
}
Outcome = ImportReportLine.Outcome


@router.post(
    "/",
    auth=WireTokenAuth(),
    throttle=[WriteThrottle()],
    response={
        200: WireImportOut,
        201: WireImportOut,
        **error_responses(400, 401, 403, 413, 415, 422, 429),
    },
    summary="Envoyer une dépêche (agences)",
    description=(
        "Importe la dépêche comme la commande `import_wires` : la même deux fois ne change rien, "
        "une version plus récente révise l’article, un embargo programme la publication. "
        "201 si un article est créé, 200 sinon ; 422 si aucune dépêche du document n’a pu "
        "être importée (le détail nomme chaque dépêche et son problème)."
    ),
    openapi_extra={"requestBody": REQUEST_BODY},
)
def push_wire(request: HttpRequest):
    token = request.auth
    feed = AgencyFeed.objects.filter(agency=token.agency).first()
    if feed is not None and not feed.active:
        raise ApiError(
            403, f"Le fil de l’agence {token.agency.name} est désactivé : dépêche refusée."
        )
    content_type = (request.content_type or "").split(";")[0].strip().lower()
    if content_type not in ACCEPTED_TYPES and not content_type.endswith(("+json", "+xml")):
        raise ApiError(
            415,
            f"Type « {content_type[:80]} » non pris en charge : envoyez application/json (ninjs) "
            "ou application/xml (NewsML-G2).",
        )
    limit = max_wire_bytes()
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, too_large_message(int(declared)))
    data = request.read(limit + 1)
    if len(data) > limit:
        raise ApiError(413, too_large_message(len(data)))
    if not data.strip():
        raise ApiError(400, "Corps vide : envoyez la dépêche dans le corps de la requête.")

    run = import_pushed_wire(
        data=data, agency=token.agency, source=f"API ({token.label or f'jeton {token.pk}'})"
    )
    report = run.report
    items = [
        {
            # As the import report keeps them: an identifier refused for its length is
            # not sent back whole.
            "item": Truncator(result.item).chars(ITEM_CHARS),
            "guid": Truncator(result.guid).chars(ITEM_CHARS),
            "outcome": str(result.outcome),
            "message": result.message,
            "article_id": result.article_id,
            "warnings": result.warnings,
        }
        for result in run.results
    ]
    if items and all(item["outcome"] in {Outcome.FAILED, Outcome.SKIPPED} for item in items):
        details = [{"cible": item["item"], "message": item["message"]} for item in items]
        oversized = [result.message for result in run.results if result.too_large]
        if oversized:
            # Too big to be a wire: a limit of size, which 413 says, not a fault of content.
            raise ApiError(413, oversized[0], details=details)
        raise ApiError(
            422,
            "Aucune dépêche importée : voir le détail.",
            code="depeche_refusee",
            details=details,
        )
    status = 201 if report.created else 200
    return Status(
        status,
        {
            "report_id": report.pk,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "published": report.published,
            "withdrawn": report.withdrawn,
            "failed": report.failed,
            "items": items,
        },
    )
