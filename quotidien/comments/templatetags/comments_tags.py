"""The comments under an article: the block and the reply forms."""

from django import template

from .. import reasons
from ..forms import CommentForm
from ..views import comment_section_context

register = template.Library()


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
