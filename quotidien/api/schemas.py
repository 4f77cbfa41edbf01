"""The shapes the API sends: they make the OpenAPI schema, field descriptions in French."""

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema


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
    body: list[BodyBlock] = Field(description="Le corps de l’article, bloc par bloc.")
    body_html: str = Field(description="Le corps rendu en HTML, tel que le site l’affiche.")


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


class WireItemOut(Schema):
    item: str = Field(description="Fichier ou dépêche concernée.")
    guid: str
    outcome: Literal["created", "updated", "unchanged", "withdrawn", "skipped", "failed"]
    message: str
    article_id: int | None
    warnings: list[str]


class WireImportOut(Schema):
    report_id: int
    created: int
    updated: int
    unchanged: int
    withdrawn: int
    failed: int
    items: list[WireItemOut]
