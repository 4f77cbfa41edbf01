"""What a reader is told of their own comment that readers do not see.

`Comment.held_reason` is written for moderators: the screening's findings, with the
classifier's score and the words that weighed most, or how many readers reported it.
Shown to the writer, it would teach how to get past the screening. The reader reads
`reader_reason` instead: nothing while a moderator has yet to read the comment, the
charter's ground of a refusal by the screening, or a moderator's refusal in the words
the moderator chose (`moderation.services.refusal_text`).
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from quotidien.moderation.classifier.rule import KIND_LABELS
from quotidien.moderation.models import RefusalReason
from quotidien.moderation.screening import HOLD, REJECT
from quotidien.pagecache import reads
from quotidien.sitepages.models import InformationPage

from .models import Comment

# The charter's ground each rule of the screening refuses for (its `code`, see
# settings.MODERATION_RULES). The classifier says its own, by the kind of harm it found.
RULE_GROUNDS = {
    "banned-word": RefusalReason.INSULT,
    "insult": RefusalReason.INSULT,
    "dehumanising": RefusalReason.DEHUMANISING,
    "threat": RefusalReason.THREAT,
    "shouting": RefusalReason.SHOUTING,
    "link": RefusalReason.SPAM,
    "spam": RefusalReason.SPAM,
    "flood": RefusalReason.SPAM,
    "personal-data": RefusalReason.PERSONAL_DATA,
}
CLASSIFIER = "classifier"
DUPLICATE = "duplicate"

# The charter among the paper's own pages (quotidien.sitepages): by its address, else by
# its title, whichever the newsroom kept.
CHARTER_SLUG = "charte-des-commentaires"
CHARTER_TITLE = "Charte des commentaires"
CHARTERS = reads.KeptReads("comments-charter", 1)


def reader_reason(comment: Comment) -> str:
    """Why `comment` is not published, as its writer may read it after « Votre commentaire
    n’a pas été publié : »; "" for a comment published or waiting for a moderator.

    A refusal by the screening names the charter's grounds of the findings that refused
    it (the labels moderators choose from, `RefusalReason`), never a score or a word;
    a moderator's refusal is the text they gave (one line per part).
    """
    if comment.status != Comment.Status.REJECTED:
        return ""
    refusals = [f for f in comment.findings if f.get("verdict") == REJECT]
    if comment.moderated_at is not None or not refusals:
        # A moderator's decision, or a refusal written for the reader (an erased comment).
        return comment.held_reason
    grounds = list(dict.fromkeys(g for f in refusals if (g := _ground(f)) is not None))
    if not grounds and any(f.get("rule") == DUPLICATE for f in refusals):
        return _("vous avez déjà envoyé ce même commentaire il y a peu.")
    if not grounds:
        return _("il est contraire à la charte des commentaires.")
    labels = " ; ".join(str(ground.label) for ground in grounds)
    if len(grounds) == 1:
        return _("il est contraire à la charte des commentaires. Motif : %(grounds)s.") % {
            "grounds": labels
        }
    return _("il est contraire à la charte des commentaires. Motifs : %(grounds)s.") % {
        "grounds": labels
    }


def screening_notes(comment: Comment) -> str:
    """What the screening and the moderators concluded of `comment`, for its writer's data
    export: the charter's grounds of the screening's findings, and a moderator's refusal in
    their words; never a score nor the words that weighed (see the module's docstring)."""
    lines = []
    findings = [f for f in comment.findings if f.get("verdict") in (HOLD, REJECT)]
    if grounds := list(dict.fromkeys(g for f in findings if (g := _ground(f)) is not None)):
        labels = " ; ".join(str(ground.label) for ground in grounds)
        lines.append(_("Relevé par le filtrage : %(grounds)s.") % {"grounds": labels})
    elif findings:
        lines.append(_("Retenu par le filtrage pour la lecture d’un modérateur."))
    if comment.moderated_at is not None and comment.status == Comment.Status.REJECTED:
        lines.append(_("Refusé par un modérateur : %(reason)s") % {"reason": comment.held_reason})
    return "\n".join(lines)


def _ground(finding: dict) -> RefusalReason | None:
    """The charter's ground of one finding, None when the rule has none to say."""
    rule = finding.get("rule")
    if rule != CLASSIFIER:
        return RULE_GROUNDS.get(rule)
    kind = finding.get("kind", "")
    if not kind:
        # Stored before findings kept the kind: the reason begins with its label.
        reason = finding.get("reason", "")
        kind = next((k for k, label in KIND_LABELS.items() if reason.startswith(str(label))), "")
    return RefusalReason(kind) if kind in RefusalReason.values else None


def charter_url() -> str:
    """The address of the comment charter, "" while the paper publishes none."""

    def read() -> str:
        pages = (
            InformationPage.objects.live()
            .public()
            .filter(Q(slug=CHARTER_SLUG) | Q(title__iexact=CHARTER_TITLE))
            .order_by("path")
        )
        page = min(pages, key=lambda page: page.slug != CHARTER_SLUG, default=None)
        return (page.url or "") if page else ""

    return CHARTERS.get("charter", read)
