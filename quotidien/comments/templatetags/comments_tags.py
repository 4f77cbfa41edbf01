"""The French timestamps of comments."""

from datetime import datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext as _

from ..views import comment_section_context

register = template.Library()


@register.filter
def comment_time(value: datetime | None) -> str:
    """« 21 h 30, le 06 décembre 2016 », in the site's time zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return _("%(time)s, le %(date)s") % {
        "time": date_filter(local, r"G \h i"),
        "date": date_filter(local, "d F Y"),
    }


@register.inclusion_tag("comments/includes/comment_section.html", takes_context=True)
def comment_section(context, article):
    """The end of an article: the comment count, the newest comment and the form."""
    request = context["request"]
    return {
        **comment_section_context(request, article),
        "request": request,
        "user": request.user,
        "csrf_token": context.get("csrf_token"),
    }
