"""Template tags of the back office's templates: the paper's name, its way of writing dates
in lists, the page types an editor may create."""

from datetime import date, datetime

from django import template
from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext as _

from quotidien.admin_display import day, moment

from ..page_types import may_create

register = template.Library()


@register.simple_tag
def site_name() -> str:
    """The paper's name (`WAGTAIL_SITE_NAME`), in place of « Wagtail »."""
    return settings.WAGTAIL_SITE_NAME


@register.filter
def as_shown(value):
    """A moment as « 7 mars 2027 à 0 h 44 » in the site's time zone, a day as « 7 mars
    2027 », as the detail pages show them; yes or no as « Oui » or « Non » (not True or
    False); any other value as it is."""
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if isinstance(value, datetime):
        return moment(value)
    if isinstance(value, date):
        return day(value)
    return value


@register.simple_tag
def creatable_page_types(page_types, *, user):
    """Wagtail's page type choices `(name, app_label, model_name, description)` that
    `user` may create."""
    return [
        choice for choice in page_types if may_create(user, apps.get_model(choice[1], choice[2]))
    ]
