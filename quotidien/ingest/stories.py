"""A wire story as the importer sees it, whatever its format, and the errors of reading one."""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from django.conf import settings

from quotidien.text import without_bidi_controls

# A wire is a story: these bound what one document may hold, so that a runaway or hostile
# one is refused in a moment instead of keeping a worker busy until it is recycled.
DEFAULT_MAX_ITEMS = 100
DEFAULT_MAX_PARAGRAPHS = 2000


class WireError(Exception):
    """A problem with one item (or a whole file), said in French for the import report."""

    def __init__(
        self, message: str, *, item: str = "", skipped: bool = False, too_large: bool = False
    ):
        super().__init__(message)
        self.message = message
        self.item = item
        # Not a fault: an object that is not a text story (a lone picture, a package).
        self.skipped = skipped
        # Beyond a limit of size (bytes, items, paragraphs): the API answers 413.
        self.too_large = too_large


def max_wire_items() -> int:
    """The most items one wire document may hold (QUOTIDIEN_WIRE_MAX_ITEMS, 100 by default,
    as the API's schema says)."""
    return int(getattr(settings, "QUOTIDIEN_WIRE_MAX_ITEMS", DEFAULT_MAX_ITEMS))


def max_wire_paragraphs() -> int:
    """The most paragraphs (list items included) of one item's body
    (QUOTIDIEN_WIRE_MAX_PARAGRAPHS, 2 000 by default)."""
    return int(getattr(settings, "QUOTIDIEN_WIRE_MAX_PARAGRAPHS", DEFAULT_MAX_PARAGRAPHS))


def check_item_count(count: int, *, source: str) -> None:
    """Refuse a document of more items than a wire sends at once."""
    limit = max_wire_items()
    if count > limit:
        raise WireError(
            f"Document refusé : {count} dépêches, {limit} au plus par envoi ou par fichier "
            "(QUOTIDIEN_WIRE_MAX_ITEMS). Découpez-le en plusieurs envois.",
            item=source,
            too_large=True,
        )


def too_many_paragraphs(limit: int) -> WireError:
    return WireError(
        f"Dépêche refusée : son texte a plus de {limit} paragraphes, {limit} au plus "
        "(QUOTIDIEN_WIRE_MAX_PARAGRAPHS). Vérifiez le fichier ou découpez le texte.",
        too_large=True,
    )


@dataclass
class WireSubject:
    """A subject of the story: an IPTC code (qcode or URI) and/or a name."""

    code: str = ""
    name: str = ""


@dataclass
class WirePicture:
    """A picture that goes with the story: where the agency put it, its caption and credit."""

    href: str = ""
    caption: str = ""
    credit: str = ""
    uri: str = ""


@dataclass
class WireStory:
    """One text item of a wire, read from ninjs or NewsML-G2."""

    guid: str
    headline: str
    format: str
    version: int | None = None
    version_created: datetime | None = None
    # When the agency created the story's first version (ninjs firstcreated, NewsML-G2
    # firstCreated): the date an archive keeps as the article's first publication.
    first_created: datetime | None = None
    embargo: datetime | None = None
    status: str = "usable"
    language: str = ""
    standfirst: str = ""
    # The body as article blocks, in StreamField's raw form ({"type": …, "value": …}).
    blocks: list[dict] = field(default_factory=list)
    byline: str = ""
    provider: str = ""
    subjects: list[WireSubject] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    pictures: list[WirePicture] = field(default_factory=list)
    # Where the item was read from (a file name), for reports and for finding pictures.
    source: str = ""

    def __post_init__(self):
        # One-line texts lose the marks that override or isolate the direction of writing:
        # in a headline, one turns the rest of the line around wherever it is listed. The
        # direction marks (U+200E, U+200F) that Arabic and French mixed need stay.
        self.headline = without_bidi_controls(self.headline)
        self.byline = without_bidi_controls(self.byline)
        self.provider = without_bidi_controls(self.provider)
        self.keywords = [without_bidi_controls(keyword) for keyword in self.keywords]
        for subject in self.subjects:
            subject.name = without_bidi_controls(subject.name)
        for picture in self.pictures:
            picture.credit = without_bidi_controls(picture.credit)

    @property
    def withdrawn(self) -> bool:
        return self.status in {"canceled", "cancelled", "withheld"}

    @property
    def label(self) -> str:
        """How reports name the item: file and identifier."""
        return f"{self.source} [{self.guid}]" if self.source else self.guid

    def content_hash(self) -> str:
        """A fingerprint of what the story says, to recognise an item sent twice."""
        content = asdict(self)
        content.pop("source")
        if content["first_created"] is None:
            # Items imported before the date was read keep their fingerprint.
            content.pop("first_created")
        return hashlib.sha256(
            json.dumps(content, sort_keys=True, default=str, ensure_ascii=False).encode()
        ).hexdigest()


def parse_datetime(value, *, what: str, item: str) -> datetime | None:
    """An ISO 8601 date-time of a wire, as an aware datetime (UTC when no offset is given)."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise WireError(f"{what} illisible : {value!r} n’est pas une date ISO 8601.", item=item)
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise WireError(
            f"{what} illisible : « {text[:60]} » n’est pas une date ISO 8601 "
            "(attendu par exemple 2024-05-02T08:30:00Z).",
            item=item,
        ) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        moment.astimezone(UTC)
    except OverflowError:
        raise WireError(
            f"{what} hors limites : « {text[:60]} » ne peut être une date de dépêche.", item=item
        ) from None
    return moment


# Version numbers below this one: nine digits at most, as in text.
VERSION_LIMIT = 10**9


def parse_version(value, *, item: str) -> int | None:
    """The item's version number; agencies send "3" or 3; anything else counts as no version,
    a number of ten digits or more too (the database keeps 31 bits)."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < VERSION_LIMIT else None
    text = str(value).strip()
    # ASCII digits only: "²" is a digit to Python, not to int().
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None
