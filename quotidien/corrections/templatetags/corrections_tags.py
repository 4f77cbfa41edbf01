"""The corrections at the end of an article and the dates they change on its page."""

from datetime import datetime

from django import template

from .. import queries
from ..models import Correction

register = template.Library()


@register.inclusion_tag("corrections/article_corrections.html", takes_context=True)
def article_corrections(context, article) -> dict:
    """The article's corrections, then its published replies under their own heading (a
    reply is no admission of an error), then the link to ask for a reply."""
    notes = queries.article_corrections(article, context.get("request"))
    return {
        "article": article,
        "live": queries.is_live(article),
        "corrections": [note for note in notes if note.kind != Correction.Kind.REPLY],
        "replies": [note for note in notes if note.kind == Correction.Kind.REPLY],
    }


@register.simple_tag(takes_context=True)
def article_updated_at(context, article) -> datetime | None:
    """The article's « Mis à jour le » date, corrections included (None: not updated)."""
    return queries.updated_at(article, context.get("request"))


@register.inclusion_tag("corrections/article_corrected.html", takes_context=True)
def article_corrected(context, article) -> dict:
    """« Article rectifié le 7 décembre 2016 » by the article's dates, linked to its latest
    correction (« Précision apportée le … » when it has clarifications only); nothing
    when it has none. A reply is not the paper's correction: it does not count."""
    notes = queries.article_corrections(article, context.get("request"))
    corrections = [note for note in notes if note.kind == Correction.Kind.CORRECTION]
    clarifications = [note for note in notes if note.kind == Correction.Kind.CLARIFICATION]
    latest = (corrections or clarifications or [None])[-1]
    return {"latest": latest, "live": queries.is_live(article)}
