"""« Télécharger mes données »: what the paper keeps about a reader, for them (the rights of
access and portability).

Only rows that name the reader: their account, the comments they wrote, the reports they
made, their subscriptions, requests to subscribe and receipts, the gift links they shared,
the subscriber articles their monthly meter counted. Never another reader's name or text:
a reply is named by the comment it answers, a report by the comment it is about.
"""

from datetime import date, datetime

from wagtail.models import Page

from quotidien.comments.models import Comment, Report
from quotidien.comments.reasons import reader_reason, screening_notes
from quotidien.links import page_url
from quotidien.subscriptions.models import (
    GiftLink,
    MeteredRead,
    Payment,
    Subscription,
    SubscriptionRequest,
)


def personal_data(reader) -> dict:
    """The reader's data as one JSON-ready dict, with French keys and ISO 8601 dates."""
    comments = list(Comment.objects.filter(author=reader).order_by("created_at", "pk"))
    reports = list(Report.objects.filter(reporter=reader).order_by("created_at", "pk"))
    subscriptions = list(
        Subscription.objects.filter(user=reader).select_related("plan").order_by("started_at")
    )
    payments = list(
        Payment.objects.filter(subscription__user=reader)
        .select_related("subscription__plan")
        .order_by("paid_at", "pk")
    )
    requests = list(
        SubscriptionRequest.objects.filter(user=reader)
        .select_related("plan")
        .order_by("created_at", "pk")
    )
    gifts = list(GiftLink.objects.filter(sender=reader).order_by("created_at", "pk"))
    metered = list(MeteredRead.objects.filter(user=reader).order_by("read_at", "pk"))
    urls = _article_urls(
        {c.article_id for c in comments}
        | {g.article_id for g in gifts}
        | {m.article_id for m in metered}
    )
    return {
        "compte": {
            "adresse_e_mail": reader.email,
            "identifiant": reader.get_username(),
            "nom_affiche": reader.display_name,
            "prenom": reader.first_name,
            "nom": reader.last_name,
            "inscrit_le": _when(reader.date_joined),
            "derniere_connexion": _when(reader.last_login),
        },
        "commentaires": [
            {
                "numero": comment.pk,
                "article": urls.get(comment.article_id),
                "en_reponse_au_commentaire": comment.parent_id,
                "ecrit_le": _when(comment.created_at),
                "publie_le": _when(comment.published_at),
                "etat": str(comment.get_status_display()),
                # What the reader is told on the site, then what the screening and the
                # moderators concluded of this comment, which the right of access covers
                # (without the scores and words that would teach how to get past it).
                "motif": reader_reason(comment),
                "notes_de_moderation": screening_notes(comment),
                "texte": comment.body,
            }
            for comment in comments
        ],
        "signalements": [
            {
                "commentaire": report.comment_id,
                "raison": str(report.get_reason_display()),
                "precision": report.note,
                "signale_le": _when(report.created_at),
                "traite_le": _when(report.resolved_at),
            }
            for report in reports
        ],
        "abonnements": [
            {
                "offre": subscription.plan.name,
                "etat": str(subscription.get_status_display()),
                "paiement": str(subscription.get_source_display()),
                "montant": str(subscription.amount),
                "devise": subscription.currency,
                "debut": _when(subscription.started_at),
                "paye_jusqu_au": _when(subscription.current_period_end),
                "resilie_le": _when(subscription.cancelled_at),
                "fin": _when(subscription.ended_at),
            }
            for subscription in subscriptions
        ],
        "demandes_d_abonnement": [
            {
                "offre": request.plan.name,
                "devise": request.currency,
                "paiement": str(request.get_method_display()),
                "telephone": request.phone,
                "message": request.message,
                "etat": str(request.get_status_display()),
                "recue_le": _when(request.created_at),
                "traitee_le": _when(request.handled_at),
            }
            for request in requests
        ],
        "recus": [
            {
                "offre": payment.subscription.plan.name,
                "montant": str(payment.amount),
                "devise": payment.currency,
                "moyen": str(payment.get_method_display()),
                "paye_le": _when(payment.paid_at),
                "periode_payee_jusqu_au": _when(payment.period_end),
                "recu_en_ligne": payment.receipt_url,
            }
            for payment in payments
        ],
        "liens_cadeaux": [
            {
                "article": urls.get(gift.article_id),
                "cree_le": _when(gift.created_at),
                "expire_le": _when(gift.expires_at),
                "ouvertures": gift.opened,
            }
            for gift in gifts
        ],
        "articles_lus_au_compteur": [
            {
                "article": urls.get(read.article_id),
                "mois": _when(read.month),
                "lu_le": _when(read.read_at),
            }
            for read in metered
        ],
    }


def _article_urls(ids: set[int]) -> dict[int, str | None]:
    """Each article's public address, in one query (Wagtail's site roots are cached)."""
    return {page.pk: page_url(page) for page in Page.objects.filter(pk__in=ids)}


def _when(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
