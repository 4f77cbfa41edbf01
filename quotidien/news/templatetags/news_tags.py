"""Template filters for the paper's French dates and bylines."""

from datetime import date, datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from .. import pictures

register = template.Library()


@register.simple_tag(takes_context=True)
def photo(context, image, size: str, loading: str = "lazy", sizes: str = "") -> str:
    """The <picture> of a photo at one of the paper's sizes ("lead", "card", "body", "thumb",
    "portrait"; see images.SIZES), from the renditions the worker made: a reader's request
    never makes one, an editor's preview does. `loading="eager"` for the first picture of a
    page; `sizes` overrides how wide the size says it shows."""
    if not image:
        return ""
    preview = getattr(context.get("request"), "is_preview", False)
    return pictures.picture(image, size, loading=loading, sizes=sizes, make=preview)


@register.filter
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


@register.filter
def french_date(value: date | None) -> str:
    """« 6 décembre 2016 », « 1er janvier 2017 »: a moment's day in the site's time zone."""
    if not value:
        return ""
    return _day(_local(value))


@register.filter
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


@register.simple_tag
def byline(authors, agency) -> str:
    """« Nadia Khoury, Karim Haddad et ALP »: the people who signed, each leading to their
    page, then the agency."""
    signers = [
        format_html(
            '<a class="author" href="{}">{}</a>', reverse("author", args=[author.slug]), author.name
        )
        for author in authors
    ]
    if agency:
        signers.append(
            format_html('<abbr class="agency" title="{}">{}</abbr>', agency.name, agency.short_name)
        )
    if len(signers) < 2:
        return signers[0] if signers else ""
    head = format_html_join(", ", "{}", ((signer,) for signer in signers[:-1]))
    return format_html("{} {} {}", head, _("et"), signers[-1])
