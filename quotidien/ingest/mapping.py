"""Which section and tags a wire story gets, from the subject mappings editors keep."""

import re
from dataclasses import dataclass, field

from django.db.models import Q

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
