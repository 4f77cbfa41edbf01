"""Importing wires: each item becomes (or revises) an article, all or nothing, once.

- The same item twice changes nothing; a newer version adds a revision to the same article.
- An embargoed item is scheduled (Wagtail's go-live), never published early.
- A published article is dated as the agency dated the item (dates.py), so that an archive
  imported today does not read as today's news.
- A run may file unmapped items in a section of its own and publish, or keep as drafts,
  whatever the feeds say (for an archive). An item imported as a draft and never published
  is published when it comes again once its feed publishes.
- Each item imports inside its own transaction: a failure leaves nothing of that item, and the
  batch goes on. Every failure, warning and change is a line of the ImportReport, in French.
- The report counts each item in the transaction that commits it: a run stopped half way
  (a worker recycled, a command killed) leaves a report without an end that still says what
  it imported, and is shown as interrupted (ImportReport.state).
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug

from quotidien.commands import file_error_in_french
from quotidien.news.models import Agency, ArticlePage, Author, SectionPage
from quotidien.news.slugs import ascii_slug

from .body import first_paragraph_text
from .dates import publication_dates
from .formats import max_wire_bytes, read_wire, too_large_message
from .mapping import SubjectMap
from .models import AgencyFeed, ImportReport, ImportReportLine, WireItem
from .pictures import story_photos
from .publishing import awaits_publication, publish_dated, publish_waiting_draft
from .stories import WireError, WireStory

logger = logging.getLogger(__name__)

WIRE_SUFFIXES = {".json", ".ninjs", ".xml", ".nml", ".newsml", ".g2"}
STANDFIRST_MAX = 600
TITLE_MAX = 255
GUID_MAX = 500
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
BYLINE_PREFIX = re.compile(r"^(par|by)\s+", re.IGNORECASE)
Outcome = ImportReportLine.Outcome
# The report's count that each outcome adds to.
COUNTS = {
    Outcome.CREATED: "created",
    Outcome.UPDATED: "updated",
    Outcome.UNCHANGED: "unchanged",
    Outcome.PUBLISHED: "published",
    Outcome.WITHDRAWN: "withdrawn",
    Outcome.FAILED: "failed",
}


@dataclass
class ItemResult:
    """What happened to one item, as the report, the command and the API tell it."""

    item: str
    outcome: str
    message: str = ""
    guid: str = ""
    article_id: int | None = None
    warnings: list[str] = field(default_factory=list)
    # Refused for its size (bytes, items, paragraphs), which the API answers with a 413.
    too_large: bool = False


class WireImporter:
    """One import run: its report, and what it reads once for all items (agencies, mappings).

    `section` files the items no subject mapping places (before the feed's default section);
    `arrival` (AgencyFeed.Arrival) publishes or keeps as drafts whatever the feeds say.
    """

    def __init__(
        self,
        *,
        source: str,
        agency: Agency | None = None,
        now: datetime | None = None,
        section: SectionPage | None = None,
        arrival: str | None = None,
    ):
        self.agency = agency
        self.now = now
        self.section = section
        self.arrival = arrival
        self.report = ImportReport.objects.create(source=source[:500], agency=agency)
        self.results: list[ItemResult] = []
        self._agencies: dict[str, Agency] | None = None
        self._feeds: dict[int, AgencyFeed] = {}
        self._maps: dict[int, SubjectMap] = {}

    # Entry points ------------------------------------------------------------------------

    def import_file(self, path: Path, *, label: str | None = None) -> list[ItemResult]:
        """Import one file; pictures are looked for in its folder."""
        label = label or path.name
        try:
            size = path.stat().st_size
            if size > max_wire_bytes():
                result = ItemResult(label, Outcome.FAILED, too_large_message(size), too_large=True)
                return [self._record(result)]
            with path.open("rb") as handle:
                data = handle.read(max_wire_bytes() + 1)
        except OSError as error:
            message = _("Fichier illisible : %(error)s.") % {"error": file_error_in_french(error)}
            return [self._record(ItemResult(label, Outcome.FAILED, message))]
        return self.import_bytes(data, source=label, base_dir=path.parent)

    def import_bytes(
        self, data: bytes, *, source: str, base_dir: Path | None = None
    ) -> list[ItemResult]:
        """Import the items of one wire document (a file's content or a pushed body)."""
        results = []
        try:
            entries = read_wire(data, source=source)
        except Exception as error:  # a reader's bug must not stop the batch either
            logger.exception("Reading wire %s failed", source)
            message = _("Erreur inattendue à la lecture (%(error)s) : non importé.") % {
                "error": type(error).__name__
            }
            return [self._record(ItemResult(source, Outcome.FAILED, message))]
        for entry in entries:
            if isinstance(entry, WireError):
                outcome = Outcome.SKIPPED if entry.skipped else Outcome.FAILED
                result = ItemResult(
                    entry.item or source, outcome, entry.message, too_large=entry.too_large
                )
                results.append(self._record(result))
            else:
                results.append(self.import_story(entry, base_dir=base_dir))
        return results

    def fail(self, item: str, message: str) -> ItemResult:
        """Record that `item` could not be imported at all (an unreadable archive)."""
        return self._record(ItemResult(item, Outcome.FAILED, message))

    def finish(self) -> ImportReport:
        """Close the report with its counts; a run that found nothing to read keeps no report
        (a cron job looking at an empty folder would fill the list), and its report is then
        left unsaved (no primary key)."""
        report = self.report
        if not self.results:
            report.delete()
            return report
        counts = {outcome: 0 for outcome in Outcome.values}
        for result in self.results:
            counts[result.outcome] += 1
        report.created = counts[Outcome.CREATED]
        report.updated = counts[Outcome.UPDATED]
        report.unchanged = counts[Outcome.UNCHANGED]
        report.published = counts[Outcome.PUBLISHED]
        report.withdrawn = counts[Outcome.WITHDRAWN]
        report.failed = counts[Outcome.FAILED]
        report.finished_at = report.last_activity_at = timezone.now()
        report.save()
        return report

    # One story ---------------------------------------------------------------------------

    def import_story(self, story: WireStory, *, base_dir: Path | None = None) -> ItemResult:
        """Import one story in its own transaction, and record it in the report; any problem
        leaves the archive as it was."""
        created_files: list[str] = []
        try:
            digest = story.content_hash()
            if known := self._unchanged(story, digest):
                return self._record(known)
            with transaction.atomic():
                result = self._import_story(
                    story, digest=digest, base_dir=base_dir, created_files=created_files
                )
                # Counted with the article it made: whatever stops the run, the report
                # counts what was committed, no more and no less.
                return self._record(result)
        except WireError as error:
            message = error.message
        except ValidationError as error:
            message = _("Article refusé : %(reasons)s") % {
                "reasons": " ; ".join(_validation_messages(error))
            }
        except IntegrityError:
            message = _(
                "La même dépêche est importée au même moment par ailleurs ; "
                "relancez l’import pour la reprendre."
            )
        except Exception as error:  # the batch must go on whatever one item does
            logger.exception("Import of wire item %s failed", story.label)
            message = _("Erreur inattendue (%(error)s) : dépêche non importée.") % {
                "error": type(error).__name__
            }
        for name in created_files:
            default_storage.delete(name)
        return self._record(ItemResult(story.label, Outcome.FAILED, message, guid=story.guid))

    def _import_story(
        self, story: WireStory, *, digest: str, base_dir: Path | None, created_files: list[str]
    ) -> ItemResult:
        if len(story.guid) > GUID_MAX:
            raise WireError(
                _("Identifiant trop long : %(length)s caractères, %(limit)s au plus.")
                % {"length": len(story.guid), "limit": GUID_MAX}
            )
        agency = self._agency_for(story)
        feed = self._feed(agency)
        if not feed.active:
            raise WireError(
                _(
                    "Le fil de l’agence %(agency)s est désactivé (Dépêches > Fils d’agence) : "
                    "dépêche refusée."
                )
                % {"agency": agency}
            )
        item = WireItem.objects.select_for_update().filter(agency=agency, guid=story.guid).first()
        result = ItemResult(story.label, Outcome.UNCHANGED, guid=story.guid)
        if item is not None and (message := _nothing_to_do(story, item, digest)):
            if self._publishes_waiting_drafts(feed) and awaits_publication(item):
                return self._publish_waiting_draft(story, item, result)
            result.article_id, result.message = item.article_id, message
            return result
        if item is None:
            item = WireItem(agency=agency, guid=story.guid)

        # Built on the latest revision, so an editor's unpublished changes stay in history.
        article = item.article.get_latest_revision_as_object() if item.article_id else None
        if story.withdrawn:
            return self._withdraw(story, item, article, digest, result)

        section = None
        classification = self._map(agency).classify(story, keywords_as_tags=feed.keywords_as_tags)
        if article is None:
            section = classification.section or self.section or feed.default_section
            if section is None:
                codes = ", ".join(
                    [subject.code or subject.name for subject in story.subjects] + story.keywords
                )
                subjects = (
                    _("sujets : %(codes)s") % {"codes": codes[:300]}
                    if codes
                    else _("elle n’a aucun sujet")
                )
                raise WireError(
                    _(
                        "Aucune rubrique pour cette dépêche (%(subjects)s). Ajoutez une "
                        "correspondance (Dépêches > Correspondances de sujets) ou une rubrique "
                        "par défaut au fil de l’agence, ou importez avec --section <rubrique>."
                    )
                    % {"subjects": subjects}
                )

        photos = story_photos(
            story.pictures, base_dir=base_dir, title=story.headline, created_files=created_files
        )
        blocks = list(story.blocks) + photos.blocks

        headline = _shorten(story.headline, TITLE_MAX)
        standfirst = _shorten(story.standfirst or first_paragraph_text(blocks), STANDFIRST_MAX)
        was_new = article is None
        if article is None:
            slug = ascii_slug(headline)[:80].strip("-") or "depeche"
            article = ArticlePage(
                title=headline,
                slug=find_available_slug(section, slug),
                live=False,
            )
        article.title = article.draft_title = headline
        article.standfirst = standfirst or headline
        article.body = blocks
        article.agency = agency
        if photos.lead is not None:
            article.lead_image = photos.lead
        embargoed = story.embargo is not None and story.embargo > self._now()
        article.go_live_at = story.embargo if embargoed else None
        authors = _authors(story.byline)
        # An article the editors took offline stays offline: the new version waits as a draft.
        # One never published was a draft of a feed that now publishes (or of a run that does).
        waiting = not was_new and article.first_published_at is None
        publish = self._publishes(feed) and (
            was_new or article.live or item.withdrawn or item.embargoed_until is not None or waiting
        )
        dates = publication_dates(
            first_created=story.first_created or item.first_created,
            version_created=story.version_created,
            embargo=story.embargo,
            now=self._now(),
        )

        if was_new:
            section.add_child(instance=article)
        if authors:
            article.authors.add(*authors)
        if classification.tags:
            article.tags.add(*classification.tags)
        revision = article.save_revision(log_action=True)
        if publish:
            publish_dated(revision=revision, dates=dates)

        item.pictures = [
            {"href": p.href, "caption": p.caption, "credit": p.credit, "uri": p.uri}
            for p in story.pictures
        ]
        item.article = article
        _remember(item, story, digest, embargoed_until=story.embargo if embargoed else None)

        result.outcome = Outcome.CREATED if was_new else Outcome.UPDATED
        result.article_id = article.pk
        result.warnings = photos.warnings
        state = _state(publish=publish, embargoed=embargoed, embargo=story.embargo)
        if publish and not embargoed and (was_new or waiting):
            state += ", " + dates.describe()
        if was_new:
            result.message = _("Article « %(headline)s » créé (%(state)s).") % {
                "headline": headline[:80],
                "state": state,
            }
        else:
            result.message = _("Article révisé en version %(version)s (%(state)s).") % {
                "version": item.version,
                "state": state,
            }
        return result

    def _unchanged(self, story: WireStory, digest: str) -> ItemResult | None:
        """The result for an item already imported as it is, found without a transaction.

        Most items of a re-run are such; the check is made again under lock before any write.
        """
        if len(story.guid) > GUID_MAX:
            return None
        agency = self._agency_for(story)
        item = (
            WireItem.objects.filter(agency=agency, guid=story.guid)
            .only("content_hash", "version", "version_created", "article_id", "withdrawn")
            .annotate(
                article_live=F("article__live"),
                article_first_published_at=F("article__first_published_at"),
            )
            .first()
        )
        if item is None or not (message := _nothing_to_do(story, item, digest)):
            return None
        if (
            self._publishes_waiting_drafts(self._feed(agency))
            and item.article_id
            and not item.withdrawn
            and not item.article_live
            and item.article_first_published_at is None
        ):
            return None  # _import_story looks closer, under lock
        return ItemResult(
            story.label, Outcome.UNCHANGED, message, guid=story.guid, article_id=item.article_id
        )

    def _publish_waiting_draft(
        self, story: WireStory, item: WireItem, result: ItemResult
    ) -> ItemResult:
        """Publish the draft an unchanged item became, now that its feed (or this run)
        publishes (publishing.publish_waiting_draft)."""
        result.outcome = Outcome.PUBLISHED
        result.article_id = item.article_id
        result.message = publish_waiting_draft(
            item=item, first_created=story.first_created, now=self._now()
        )
        return result

    def _withdraw(self, story, item, article, digest, result) -> ItemResult:
        if article is not None:
            if article.live:
                article.unpublish(log_action=True)
            article.revisions.update(approved_go_live_at=None)
            result.outcome = Outcome.WITHDRAWN
            result.message = _("L’agence a annulé cette dépêche : article retiré du site.")
        else:
            result.outcome = Outcome.SKIPPED
            result.message = _("Dépêche annulée par l’agence avant tout import : rien à retirer.")
        _remember(item, story, digest, withdrawn=True)
        return result

    # Lookups, once per run ---------------------------------------------------------------

    def _now(self) -> datetime:
        return self.now or timezone.now()

    def _publishes(self, feed: AgencyFeed) -> bool:
        """Whether this run publishes what it imports from `feed`'s agency."""
        if self.arrival:
            return self.arrival == AgencyFeed.Arrival.PUBLISH
        return feed.publishes

    def _publishes_waiting_drafts(self, feed: AgencyFeed) -> bool:
        return feed.active and self._publishes(feed)

    def _agency_for(self, story: WireStory) -> Agency:
        if self.agency is not None:
            return self.agency
        if self._agencies is None:
            self._agencies = {}
            for agency in Agency.objects.all():
                for name in (agency.slug, agency.short_name, agency.name):
                    self._agencies.setdefault(name.strip().casefold(), agency)
        provider = story.provider.strip()
        if provider and (agency := self._agencies.get(provider.casefold())):
            return agency
        said = (
            _("elle se dit de « %(provider)s »") % {"provider": provider[:60]}
            if provider
            else _("elle ne dit pas sa source")
        )
        raise WireError(
            _(
                "Agence inconnue (%(said)s) : précisez l’agence (--agency <identifiant>) ou "
                "créez-la dans Signatures > Agences."
            )
            % {"said": said}
        )

    def _feed(self, agency: Agency) -> AgencyFeed:
        if agency.pk not in self._feeds:
            self._feeds[agency.pk] = AgencyFeed.objects.filter(agency=agency).select_related(
                "default_section"
            ).first() or AgencyFeed(agency=agency)
        return self._feeds[agency.pk]

    def _map(self, agency: Agency) -> SubjectMap:
        if agency.pk not in self._maps:
            self._maps[agency.pk] = SubjectMap(agency)
        return self._maps[agency.pk]

    def _record(self, result: ItemResult) -> ItemResult:
        self.results.append(result)
        lines = []
        if result.outcome != Outcome.UNCHANGED:
            lines.append(
                ImportReportLine(
                    report=self.report,
                    item=result.item[:500],
                    outcome=result.outcome,
                    message=result.message,
                    article_id=result.article_id,
                )
            )
        lines += [
            ImportReportLine(
                report=self.report,
                item=result.item[:500],
                outcome=Outcome.WARNING,
                message=warning,
                article_id=result.article_id,
            )
            for warning in result.warnings
        ]
        counts = {name: F(name) + 1 for name in [COUNTS.get(result.outcome)] if name}
        with transaction.atomic():
            if lines:
                ImportReportLine.objects.bulk_create(lines)
            ImportReport.objects.filter(pk=self.report.pk).update(
                last_activity_at=timezone.now(), **counts
            )
        return result


def _remember(
    item: WireItem,
    story: WireStory,
    digest: str,
    *,
    withdrawn: bool = False,
    embargoed_until: datetime | None = None,
) -> None:
    """Save which version and content of the story the archive now reflects."""
    item.version = story.version or 0
    item.version_created = story.version_created
    item.first_created = story.first_created or item.first_created
    item.content_hash = digest
    item.format = story.format
    item.headline = _shorten(story.headline, TITLE_MAX)
    item.withdrawn = withdrawn
    item.embargoed_until = embargoed_until
    item.save()


def _nothing_to_do(story: WireStory, item: WireItem, digest: str) -> str:
    """Why an item already imported needs no change ("" when it does need one)."""
    if item.content_hash == digest:
        return _("Déjà importée à l’identique : rien à faire.")
    if not _is_newer(story, item):
        return _(
            "Version %(version)s déjà importée ou dépassée (version connue : %(known)s) : ignorée."
        ) % {"version": story.version or 0, "known": item.version}
    return ""


def _is_newer(story: WireStory, item: WireItem) -> bool:
    known = (item.version, item.version_created or EPOCH)
    incoming = (story.version or 0, story.version_created or EPOCH)
    return incoming > known


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _authors(byline: str) -> list[Author]:
    """The paper's authors the byline names exactly (agency bylines rarely do)."""
    name = BYLINE_PREFIX.sub("", byline.strip())
    if not name or len(name) > 120:
        return []
    return list(Author.objects.filter(name__iexact=name))


def _state(*, publish: bool, embargoed: bool, embargo: datetime | None) -> str:
    if embargoed:
        when = timezone.localtime(embargo).strftime("%d/%m/%Y %H:%M")
        if publish:
            return _("programmé pour le %(when)s, fin d’embargo") % {"when": when}
        return _("brouillon, embargo jusqu’au %(when)s") % {"when": when}
    return _("publié") if publish else _("brouillon à relire")


def _validation_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [f"{name} : {' '.join(messages)}" for name, messages in error.message_dict.items()]
    return list(error.messages)


def wire_files(folder: Path) -> list[Path]:
    """The wire files of a folder and its sub-folders, in name order; hidden ones are skipped."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in WIRE_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def import_files(
    *,
    folder: Path,
    files: Iterable[Path],
    agency: Agency | None = None,
    section: SectionPage | None = None,
    arrival: str | None = None,
) -> WireImporter:
    """Import some wire files of `folder`, each named by its path in it; the finished run.

    `section` and `arrival` are WireImporter's."""
    importer = WireImporter(source=str(folder), agency=agency, section=section, arrival=arrival)
    for file in files:
        importer.import_file(file, label=str(file.relative_to(folder)))
    importer.finish()
    return importer


def import_path(
    *,
    path: Path,
    agency: Agency | None = None,
    section: SectionPage | None = None,
    arrival: str | None = None,
) -> WireImporter:
    """Import a wire file or every wire file of a folder; returns the finished run.

    `section` and `arrival` are WireImporter's."""
    if path.is_dir():
        return import_files(
            folder=path, files=wire_files(path), agency=agency, section=section, arrival=arrival
        )
    importer = WireImporter(source=str(path), agency=agency, section=section, arrival=arrival)
    importer.import_file(path)
    importer.finish()
    return importer


def import_pushed_wire(*, data: bytes, agency: Agency, source: str) -> WireImporter:
    """Import a wire an agency pushed over HTTP (its pictures cannot come with it)."""
    importer = WireImporter(source=source, agency=agency)
    importer.import_bytes(data, source=source)
    importer.finish()
    return importer
