"""The shapes the API sends: they make the OpenAPI schema, field descriptions in French."""

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from quotidien.comments.models import MAX_LENGTH

from .content import is_number
from .errors import VALIDATION_MESSAGES


class ImageOut(Schema):
    id: int
    url: str = Field(description="Adresse absolue de l’image au format de l’usage (carte, une).")
    width: int
    height: int
    alt: str = Field(description="Texte de remplacement.")
    caption: str = Field(description="Légende.")
    credit: str = Field(description="Crédit (agence / photographe).")


class SectionRef(Schema):
    id: int
    title: str
    slug: str
    url: str | None


class AuthorOut(Schema):
    name: str
    slug: str


class AgencyOut(Schema):
    name: str
    short_name: str
    slug: str


class TagOut(Schema):
    name: str
    slug: str
    url: str


class ArticleRef(Schema):
    id: int
    title: str
    url: str | None


class ArticleSummary(Schema):
    id: int
    title: str = Field(description="Titre.")
    kicker: str = Field(description="Surtitre (« Monde - Syrie »).")
    standfirst: str = Field(description="Chapô.")
    url: str | None = Field(description="Adresse absolue de l’article sur le site.")
    section: SectionRef | None
    authors: list[AuthorOut]
    agency: AgencyOut | None
    tags: list[TagOut]
    lead_image: ImageOut | None
    first_published_at: datetime | None
    last_published_at: datetime | None
    updated: bool = Field(description="Vrai si l’article a été mis à jour après sa publication.")
    access: Literal["free", "subscribers"] = Field(
        description="Accès : libre (free) ou réservé aux abonnés (subscribers), qui seuls le "
        "lisent en entier."
    )
    badge: str | None = Field(
        description="La mention à afficher sur l’article (« Abonnés »), ou null."
    )


class ArticleList(Schema):
    count: int = Field(description="Nombre total d’articles qui répondent aux filtres.")
    limit: int
    offset: int
    next: str | None = Field(description="Page suivante, ou null.")
    previous: str | None = Field(description="Page précédente, ou null.")
    items: list[ArticleSummary]


class ParagraphBlock(Schema):
    type: Literal["paragraph"]
    id: str
    html: str = Field(description="Paragraphe (ou liste) en HTML simple : b, i, a, ul, ol, li.")


class SubheadingBlock(Schema):
    type: Literal["subheading"]
    id: str
    text: str = Field(description="Intertitre.")


class QuoteBlock(Schema):
    type: Literal["quote"]
    id: str
    text: str
    attribution: str


class PhotoBlock(Schema):
    type: Literal["photo"]
    id: str
    image: ImageOut | None
    caption: str


class ReadAlsoBlock(Schema):
    type: Literal["read_also"]
    id: str
    article: ArticleRef | None = Field(description="L’article cité, s’il est en ligne.")


BodyBlock = Annotated[
    ParagraphBlock | SubheadingBlock | QuoteBlock | PhotoBlock | ReadAlsoBlock,
    Field(discriminator="type"),
]


class ArticleDetail(ArticleSummary):
    locked: bool = Field(
        description="Vrai si le lecteur n’a pas accès à cet article réservé aux abonnés : "
        "`body` et `body_html` n’en donnent alors que le début, un seul paragraphe."
    )
    body: list[BodyBlock] = Field(
        description="Le corps de l’article, bloc par bloc (son début seulement si `locked`)."
    )
    body_html: str = Field(
        description="Le corps rendu en HTML, tel que le site l’affiche (son début seulement "
        "si `locked`)."
    )


class SectionOut(Schema):
    id: int
    title: str
    slug: str
    url: str | None
    parent_id: int | None = Field(description="Rubrique parente, ou null au premier niveau.")
    level: int = Field(description="1 pour une rubrique de premier niveau, 2 en dessous…")
    intro: str


class SectionList(Schema):
    count: int
    items: list[SectionOut]


class ReplyOut(Schema):
    id: int
    author: str = Field(description="Nom affiché du lecteur.")
    body: str = Field(description="Texte du commentaire, sans HTML.")
    published_at: datetime | None


class CommentOut(ReplyOut):
    replies: list[ReplyOut] = Field(description="Réponses publiées, de la plus ancienne.")


class CommentList(Schema):
    count: int = Field(description="Nombre de fils (commentaires de premier niveau) publiés.")
    total: int = Field(description="Nombre de commentaires publiés, réponses comprises.")
    comments_open: bool = Field(description="Vrai si l’article accepte encore des commentaires.")
    limit: int
    offset: int
    next: str | None
    previous: str | None
    items: list[CommentOut]


def _whole_number(value):
    """A number written in digits, a minus sign before them if need be: pydantic alone
    would read `1.0`, `1_0` or ` 1` as 1 and 10."""
    if isinstance(value, str) and not is_number(value.removeprefix("-")):
        raise PydanticCustomError("int_parsing", VALIDATION_MESSAGES["int_parsing"])
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]


class StrictInput(Schema):
    """A JSON body taken as sent: `true` is no comment number, `12` no text."""

    model_config = ConfigDict(strict=True)


class CommentIn(StrictInput):
    body: str = Field(
        min_length=1, max_length=MAX_LENGTH, description="Texte du commentaire, sans HTML."
    )
    parent: int | None = Field(
        None, ge=1, le=2**31 - 1, description="Commentaire auquel celui-ci répond."
    )


class CommentPosted(Schema):
    id: int
    status: Literal["published", "pending", "rejected"] = Field(
        description="Publié, en attente de modération ou refusé par le filtrage."
    )
    message: str = Field(description="Ce que le lecteur doit savoir, en français.")
    comment: CommentOut | None = Field(description="Le commentaire, s’il est publié.")


class TokenIn(StrictInput):
    # No control character: PostgreSQL cannot look up a NUL, and no address holds one.
    email: str = Field(
        min_length=3,
        max_length=254,
        pattern=r"^[^\x00-\x1f\x7f]*$",
        description="Adresse e-mail du compte.",
    )
    password: str = Field(min_length=1, max_length=4096)


class ReaderOut(Schema):
    id: int
    display_name: str


class TokenOut(Schema):
    token: str = Field(description="À envoyer dans « Authorization: Bearer <jeton> ».")
    expires_at: datetime
    reader: ReaderOut


class SearchResult(ArticleSummary):
    snippet_html: str = Field(
        description="Extrait du texte, mots cherchés entourés de <mark> (HTML échappé)."
    )


class SearchResults(Schema):
    count: int = Field(description="Nombre d’articles trouvés (plafonné, voir `more`).")
    more: bool = Field(description="Vrai s’il y a plus de résultats que ceux qu’on peut parcourir.")
    page: int
    pages: int
    limit: int
    suggestion: str | None = Field(
        description="« Vouliez-vous dire ? » : quand la recherche ne trouve rien, la même "
        "recherche (`q`) écrite avec les mots des articles (une faute de frappe corrigée), "
        "qui trouve des articles avec les mêmes filtres ; sinon null."
    )
    next: str | None
    previous: str | None
    items: list[SearchResult]


class WireItemOut(Schema):
    item: str = Field(description="Fichier ou dépêche concernée.")
    guid: str
    outcome: Literal[
        "created", "updated", "unchanged", "published", "withdrawn", "skipped", "failed"
    ] = Field(
        description="« published » : une dépêche déjà importée en brouillon, publiée parce que "
        "le fil de l’agence publie désormais."
    )
    message: str
    article_id: int | None
    warnings: list[str]


class WireImportOut(Schema):
    report_id: int
    created: int
    updated: int
    unchanged: int
    published: int
    withdrawn: int
    failed: int
    items: list[WireItemOut]
