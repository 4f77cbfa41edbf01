"""How the back office's detail pages (Wagtail's inspect views) show dates and amounts.

Wagtail shows a field's raw value through `localize`: a moment in UTC ("16:10" for 18 h 10
in Beirut), "None" for a date not set, "1075000,00" for an amount. The display classes
registered here give the site's time zone, French grouping and "—" for nothing, on every
inspect view.
"""

from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from wagtail.admin.ui.fields import BaseFieldDisplay, register_display_class

from quotidien.french.dates import french_date, french_datetime

NOTHING = "—"


def moment(value: datetime | None) -> str:
    """« 6 décembre 2026 à 18 h 10 », in the site's time zone; "—" for none."""
    return french_datetime(value) if value is not None else NOTHING


def day(value: date | None) -> str:
    """« 6 décembre 2026 », « 1er janvier 2027 »; "—" for none."""
    return french_date(value) if value is not None else NOTHING


def amount(value: Decimal | None) -> str:
    """« 1 075 000,00 »: French grouping and decimal comma; "—" for none."""
    return floatformat(value, "2g") if value is not None else NOTHING


class _TextDisplay(BaseFieldDisplay):
    """A field's value as one line of text, escaped by the template."""

    text = staticmethod(str)

    def render_html(self, parent_context=None):
        return format_html("{}", self.text(self.value))


class MomentDisplay(_TextDisplay):
    text = staticmethod(moment)


class DayDisplay(_TextDisplay):
    text = staticmethod(day)


class AmountDisplay(_TextDisplay):
    text = staticmethod(amount)


def register() -> None:
    """Show every model's date, time and decimal fields in French in the inspect views."""
    register_display_class(models.DateTimeField, display_class=MomentDisplay)
    register_display_class(models.DateField, display_class=DayDisplay)
    register_display_class(models.DecimalField, display_class=AmountDisplay)
