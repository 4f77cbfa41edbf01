"""The dates an imported story is published under: the agency's own, when they can be believed.

An archive imported today must not read as today's news. The article's first publication
is the item's first version (ninjs `firstcreated`, NewsML-G2 `firstCreated`), else the
version at hand (`versioncreated`), never before the end of its embargo; its last update
is the version at hand when later. A date in the future or before 1900 is not believed:
the article is then dated as Wagtail dates any page, by the moment it is published.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
# An agency's clock a little ahead of ours: such a date is now, not the future.
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class PublicationDates:
    """The agency's dates of an item, where they can be believed: None where the moment of
    publication stands instead (Wagtail's own dating)."""

    # The article's first publication.
    first: datetime | None = None
    # The version at hand: the article's last update when it revises a published one.
    version: datetime | None = None
    # Why the agency's dates were not used, for the import report ("" when they were).
    problem: str = ""

    @property
    def last(self) -> datetime | None:
        """The last update of an article first published now: the version, when later."""
        if self.first is None:
            return None
        return max(self.first, self.version or self.first)

    def describe(self) -> str:
        """How the report says which date the article got."""
        if self.first is not None and self.problem:
            return _("daté du %(date)s selon l’agence (%(problem)s)") % {
                "date": _local(self.first),
                "problem": self.problem,
            }
        if self.first is not None:
            return _("daté du %(date)s selon l’agence") % {"date": _local(self.first)}
        return _("daté de sa publication : %(problem)s") % {
            "problem": self.problem or _("la dépêche ne donne pas de date")
        }


def publication_dates(
    *,
    first_created: datetime | None,
    version_created: datetime | None,
    embargo: datetime | None,
    now: datetime,
) -> PublicationDates:
    """The dates to publish an item under, from what the agency said of it."""
    problems: list[str] = []
    first = _believable(first_created, first=True, now=now, problems=problems)
    version = _believable(version_created, first=False, now=now, problems=problems)
    first = first or version
    if first is not None and embargo is not None and first < embargo <= now:
        first = embargo
    return PublicationDates(first=first, version=version, problem=" ; ".join(problems))


def _believable(
    moment: datetime | None, *, first: bool, now: datetime, problems: list[str]
) -> datetime | None:
    """`moment`, or None (and why, added to `problems`) when it cannot be believed; `first`
    says whether it is the item's first version or the version at hand."""
    if moment is None:
        return None
    try:
        if moment < EARLIEST:
            problem = (
                _("date de première version %(date)s antérieure à 1900")
                if first
                else _("date de version %(date)s antérieure à 1900")
            )
            problems.append(problem % {"date": f"{moment:%d/%m/%Y}"})
            return None
        if moment > now + CLOCK_SKEW:
            problem = (
                _("date de première version %(date)s dans le futur")
                if first
                else _("date de version %(date)s dans le futur")
            )
            problems.append(problem % {"date": _local(moment)})
            return None
    except OverflowError:  # pragma: no cover - parse_datetime refuses such dates
        return None
    return min(moment, now)


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")
