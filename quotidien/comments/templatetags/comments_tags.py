"""The French timestamps of comments."""

from datetime import datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext as _

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
    from quotidien.moderation import policy

    from .. import queries
    from ..forms import CommentForm

    request = context["request"]
    return {
        "request": request,
        "user": request.user,
        "article": article,
        "count": queries.published_count(article),
        "newest": queries.newest_published(article),
        "awaiting": queries.awaiting_for(article, request.user),
        "comments_open": policy.comments_open(article),
        "form": CommentForm(),
        "comments_url": article.url + "commentaires/",
        "csrf_token": context.get("csrf_token"),
    }
