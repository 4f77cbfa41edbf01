"""Readers' comments of an article: the published threads, and posting one as a reader."""

from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from quotidien.comments import queries
from quotidien.comments.models import Comment
from quotidien.comments.services import comment_submit, outcome_message, reply_parent
from quotidien.moderation import policy
from quotidien.ratelimits import limits

from . import content
from .auth import READER_AUTH
from .errors import ApiError, error_responses
from .schemas import CommentIn, CommentList, CommentPosted, WholeNumber
from .throttling import WriteThrottle

router = Router(tags=["Commentaires"])

MAX_LIMIT = 100
MAX_OFFSET = 100_000

# Why comment_submit refused, as the API answers it: status, code, field.
REFUSALS = {
    "closed": (403, "commentaires_fermes", ""),
    "banned": (403, "compte_suspendu", ""),
    "parent": (422, "donnees_invalides", "parent"),
}
# The API's own words where the site's speak of its page, which keeps the text under the
# form: with the refusal's parameters, if any.
API_MESSAGES = {
    "parent": _(
        "Le commentaire auquel vous répondez n’est pas ou plus publié sous cet article : "
        "la réponse n’a pas été enregistrée. Envoyez-la sans « parent » pour la publier "
        "comme un nouveau commentaire."
    ),
    "too_long": _("Le commentaire fait %(length)s caractères : %(max)s au plus."),
}


class CommentListParams(Schema):
    order: Literal["newest", "oldest"] = Field(
        "newest", description="Fils du plus récent (newest) ou du plus ancien (oldest)."
    )
    limit: WholeNumber = Field(20, ge=1, le=MAX_LIMIT, description="Fils par page.")
    offset: WholeNumber = Field(0, ge=0, le=MAX_OFFSET, description="Fils à sauter.")


def reply_data(comment: Comment) -> dict:
    return {
        "id": comment.pk,
        "author": comment.author.get_display_name(),
        "body": comment.body,
        "published_at": comment.published_at,
    }


def thread_data(comment: Comment) -> dict:
    replies = getattr(comment, "published_replies", [])
    return {**reply_data(comment), "replies": [reply_data(reply) for reply in replies]}


@router.get(
    "/{article_id}/comments/",
    response={200: CommentList, **error_responses(400, 404, 429)},
    summary="Commentaires publiés d’un article",
    description=(
        "Les fils de discussion publiés, chacun avec ses réponses publiées (un seul niveau). "
        "Les commentaires en attente ou refusés n’y figurent jamais."
    ),
)
def list_comments(request: HttpRequest, article_id: WholeNumber, params: Query[CommentListParams]):
    article = content.live_article(article_id, request)
    order = queries.OLDEST_FIRST if params.order == "oldest" else ""
    threads = queries.threads(article, order=order)
    count = threads.count()
    page = threads[params.offset : params.offset + params.limit]
    return {
        "count": count,
        "total": queries.published_count(article),
        "comments_open": policy.comments_open(article),
        "limit": params.limit,
        "offset": params.offset,
        **content.offset_links(
            request, {"order": params.order}, count=count, limit=params.limit, offset=params.offset
        ),
        "items": [thread_data(comment) for comment in page],
    }


@router.post(
    "/{article_id}/comments/",
    auth=READER_AUTH,
    throttle=[WriteThrottle()],
    response={201: CommentPosted, **error_responses(400, 401, 403, 404, 422, 429)},
    summary="Publier un commentaire (lecteur connecté)",
    description=(
        "Avec le jeton du lecteur (`Authorization: Bearer`, voir `/readers/token/`) ou sa "
        "session sur le site (en-tête `X-CSRFToken`). Le commentaire passe le même filtrage "
        "que sur le site : il est publié, mis en attente de modération ou refusé, et toujours "
        "conservé (201). 403 si les commentaires sont fermés ou le compte suspendu. Un "
        "compte publie au plus COMMENTS_PER_MINUTE commentaires par minute, sur le site et "
        "par l’API ensemble, puis reçoit 429 avec Retry-After."
    ),
)
def post_comment(request: HttpRequest, article_id: WholeNumber, data: CommentIn):
    article = content.live_article(article_id, request)
    # The site's limit of comments per account (COMMENTS_PER_MINUTE), counted together.
    if not (verdict := limits.hit("comment", request.auth.pk)):
        raise ApiError(
            429,
            limits.too_soon_message(verdict),
            headers={"Retry-After": str(verdict.retry_after)},
        )
    try:
        parent = reply_parent(article=article, pk=data.parent)
        comment = comment_submit(
            article=article, author=request.auth, body=data.body, parent=parent
        )
    except ValidationError as error:
        status, code, target = REFUSALS.get(error.code, (422, "donnees_invalides", "body"))
        if error.code in API_MESSAGES:
            message = str(API_MESSAGES[error.code]) % (error.params or {})
        else:
            message = " ".join(error.messages)
        details = [{"cible": target, "message": message}] if target else []
        raise ApiError(status, message, code=code, details=details) from None
    return Status(
        201,
        {
            "id": comment.pk,
            "status": comment.status,
            "message": outcome_message(comment),
            "comment": thread_data(comment) if comment.is_published else None,
        },
    )
