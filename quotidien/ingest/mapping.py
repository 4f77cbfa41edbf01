"""Which section and tags a wire story gets, from the subject mappings editors keep (and the
section an import run names for the stories no mapping places)."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Page

from quotidien.news.models import Agency, SectionPage

from .models import SubjectMapping
from .stories import WireStory

# IPTC vocabularies sent as URIs are matched as the qcodes editors type.
VOCABULARY_URIS = {
    "http://cv.iptc.org/newscodes/mediatopic/": "medtop:",
    "https://cv.iptc.org/newscodes/mediatopic/": "medtop:",
    "http://cv.iptc.org/newscodes/subjectcode/": "subj:",
    "https://cv.iptc.org/newscodes/subjectcode/": "subj:",
}
SPACES = re.compile(r"\s+")


def mapping_key(text: str) -> str:
    """How codes and keywords are compared: trimmed, spaces collapsed, case ignored."""
    text = SPACES.sub(" ", text.strip())
    for uri, prefix in VOCABULARY_URIS.items():
        if text.lower().startswith(uri):
            text = prefix + text[len(uri) :].strip("/")
            break
    return text.casefold()


@dataclass
class Classification:
    """Where a story goes: a section (or None) and the site's tags to add."""

    section: SectionPage | None = None
    tags: list[str] = field(default_factory=list)


class SubjectMap:
    """One agency's mappings and those for all agencies, read once for a whole batch."""

    def __init__(self, agency: Agency):
        self.by_key: dict[str, list[SubjectMapping]] = {}
        mappings = (
            SubjectMapping.objects.filter(Q(agency=agency) | Q(agency__isnull=True))
            .select_related("section")
            .order_by("priority", "pk")
        )
        for mapping in mappings:
            self.by_key.setdefault(mapping_key(mapping.code), []).append(mapping)

    def classify(self, story: WireStory, *, keywords_as_tags: bool = False) -> Classification:
        """The section of the best mapping (agency's own first, then priority) and every tag."""
        keys = []
        for subject in story.subjects:
            keys += [subject.code, subject.name]
        keys += story.keywords
        matched: list[SubjectMapping] = []
        for key in dict.fromkeys(mapping_key(key) for key in keys if key and key.strip()):
            matched += self.by_key.get(key, [])
        with_section = [mapping for mapping in matched if mapping.section is not None]
        with_section.sort(key=lambda mapping: (mapping.agency_id is None, mapping.priority))
        tags = [name for mapping in matched for name in mapping.tag_names]
        if keywords_as_tags:
            tags += [keyword.strip() for keyword in story.keywords if keyword.strip()]
        unique_tags = {tag.casefold(): tag[:100] for tag in reversed(tags)}
        return Classification(
            section=with_section[0].section if with_section else None,
            tags=sorted(unique_tags.values(), key=str.casefold),
        )


def section_path(section: SectionPage) -> str:
    """A section's path under its site's front page, as editors name it ("monde/syrie")."""
    return "/".join(section.url_path.strip("/").split("/")[1:])


def section_named(*, name: str) -> SectionPage:
    """The section a run files unmapped items in, by its path ("monde/syrie") or its slug
    when only one section has it. It must be on the site (published, under published pages):
    a French ValidationError that lists those otherwise."""
    wanted = name.strip().strip("/").casefold()
    sections = list(
        SectionPage.objects.order_by("path").only("url_path", "slug", "title", "live", "path")
    )
    online = _online(sections)
    known = ", ".join(section_path(section) for section in online) or _("aucune")
    if not wanted:
        raise ValidationError(
            _(
                "Rubrique vide : donnez le chemin (« monde/syrie ») ou l’identifiant d’une "
                "rubrique (rubriques : %(known)s)."
            )
            % {"known": known},
            code="no_section",
        )
    found = [section for section in sections if section_path(section).casefold() == wanted]
    if not found:
        found = [section for section in sections if section.slug.casefold() == wanted]
    if len(found) > 1:
        paths = ", ".join(section_path(section) for section in found)
        raise ValidationError(
            _("Plusieurs rubriques s’appellent « %(name)s » : donnez son chemin (%(paths)s).")
            % {"name": name, "paths": paths},
            code="ambiguous_section",
        )
    if not found:
        raise ValidationError(
            _("Rubrique « %(name)s » inconnue (rubriques : %(known)s).")
            % {"name": name, "known": known},
            code="unknown_section",
        )
    if found[0] not in online:
        raise ValidationError(
            _(
                "La rubrique « %(name)s » n’est pas en ligne (elle ou une page au-dessus d’elle "
                "n’est pas publiée) : ses articles seraient introuvables. Publiez-la ou "
                "choisissez une rubrique en ligne (rubriques : %(known)s)."
            )
            % {"name": name, "known": known},
            code="unpublished_section",
        )
    return found[0]


def _online(sections: list[SectionPage]) -> list[SectionPage]:
    """The sections readers can reach: published, and every page above them too."""
    steps = Page.steplen
    above = {
        section.path[:end] for section in sections for end in range(steps, len(section.path), steps)
    }
    offline = set(Page.objects.filter(path__in=above, live=False).values_list("path", flat=True))
    return [
        section
        for section in sections
        if section.live
        and not any(section.path[:end] in offline for end in range(steps, len(section.path), steps))
    ]
