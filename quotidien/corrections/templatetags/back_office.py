"""What the back office's own templates need of the site: its name."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def site_name() -> str:
    """The paper's name (`WAGTAIL_SITE_NAME`), in place of « Wagtail »."""
    return settings.WAGTAIL_SITE_NAME
