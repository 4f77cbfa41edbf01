"""Dates as the paper writes them: « 6 décembre 2016 à 21 h 30 », « 1er janvier 2017 », in
the site's time zone. The templates have them as filters of the same names (news_tags)."""

from datetime import date, datetime

from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext as _


def french_datetime(value: datetime | None, year_when_another: bool = False) -> str:
    """« 6 décembre 2016 à 21 h 30 », in the site's time zone; with `year_when_another`,
    the year only when it is not this one (« 7 décembre à 0 h 40 »)."""
    if not value:
        return ""
    local = timezone.localtime(value)
    this_year = local.year == timezone.localtime().year
    return _("%(date)s à %(time)s") % {
        "date": _day(local, with_year=not (year_when_another and this_year)),
        "time": date_filter(local, r"G \h i"),
    }


def french_date(value: date | None) -> str:
    """« 6 décembre 2016 », « 1er janvier 2017 »: a moment's day in the site's time zone."""
    if not value:
        return ""
    return _day(_local(value))


def french_day_month(value: date | None) -> str:
    """« 6 décembre », « 1er janvier »: a moment's day in the site's time zone."""
    if not value:
        return ""
    return _day(_local(value), with_year=False)


def _local(value: date) -> date:
    return timezone.localtime(value) if isinstance(value, datetime) else value


def _day(local: datetime, *, with_year: bool = True) -> str:
    """The day and month, and the year: the first of a month is « 1er », as French writes
    it."""
    day = "1er" if local.day == 1 else str(local.day)
    return f"{day} {date_filter(local, 'F Y' if with_year else 'F')}"
