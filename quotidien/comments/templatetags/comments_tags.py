"""The comments under an article: their French timestamps, the block and the reply forms."""

from datetime import datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import reasons
from ..forms import CommentForm
from ..views import comment_section_context

register = template.Library()


@register.filter
def comment_time(value: datetime | None) -> str:
    """« 21 h 30, le 6 décembre 2016 », in the site's time zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return _("%(time)s, le %(date)s") % {
        "time": date_filter(local, r"G \h i"),
        "date": date_filter(local, "j F Y"),
    }


@register.filter
def reader_reason(comment) -> str:
    """Why the reader's own `comment` is not published, in words for them (see reasons)."""
    return reasons.reader_reason(comment)


@register.simple_tag
def charter_url() -> str:
    """The address of the comment charter, "" while none is published."""
    return reasons.charter_url()


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


@register.inclusion_tag("comments/includes/reply_form.html", takes_context=True)
def reply_form(context, comment):
    """« Répondre » under `comment`: a form that works without JavaScript, in <details>.

    Answering a reply answers its thread: there is one level of replies.
    """
    thread = comment.parent_id or comment.pk
    return {
        "comment": comment,
        "form": CommentForm(initial={"parent": thread}, auto_id=f"reponse-{comment.pk}-%s"),
        "comments_url": context["comments_url"],
        "csrf_token": context.get("csrf_token"),
    }
