"""What the back office's own templates need of the site: its name, and its way of
writing dates in lists."""

from datetime import date, datetime

from django import template
from django.conf import settings

from quotidien.admin_display import day, moment

register = template.Library()


@register.simple_tag
def site_name() -> str:
    """The paper's name (`WAGTAIL_SITE_NAME`), in place of « Wagtail »."""
    return settings.WAGTAIL_SITE_NAME


@register.filter
def as_shown(value):
    """A moment as « 7 mars 2027 à 0 h 44 » in the site's time zone, a day as « 7 mars
    2027 », as the detail pages show them; any other value as it is."""
    if isinstance(value, datetime):
        return moment(value)
    if isinstance(value, date):
        return day(value)
    return value
