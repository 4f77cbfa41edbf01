"""Sections (rubriques) of the paper."""

from django.http import HttpRequest
from ninja import Router

from . import content
from .errors import error_responses
from .schemas import SectionList

router = Router(tags=["Rubriques"])


@router.get(
    "/",
    response={200: SectionList, **error_responses(429)},
    summary="Rubriques en ligne",
    description="Dans l’ordre de l’arbre du site ; `parent_id` relie une sous-rubrique.",
)
def list_sections(request: HttpRequest):
    items = content.section_list(request)
    return {"count": len(items), "items": items}
