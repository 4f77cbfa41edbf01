"""Reads of the entities used by their pages, their feed, the article page and search."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from quotidien.news.models import ArticlePage
from quotidien.news.queries import public_articles, unrestricted
from quotidien.search.analysis import STOP_WORDS
from quotidien.search.names import name_key
from quotidien.search.query import QueryError, parse_query
from quotidien.text import WORD, fold

from .models import Alias, ArticleEntity, Entity

# "Dans cet article": the entities an article names most, at most this many.
IN_ARTICLE = 6
RELATED_SIZE = 8
# Related entities are those named most often beside the entity in its latest articles.
RELATED_FROM_ARTICLES = 200


def visible_entities() -> QuerySet[Entity]:
    """Entities readers see: public (confidence.py), neither hidden nor merged into
    another."""
    return Entity.objects.filter(public=True, hidden=False, merged_into__isnull=True)


def visible_entity(slug: str) -> Entity:
    """The entity at `slug`, or the one it was merged into; a 404 in French when there is
    none or it is hidden."""
    entity = Entity.objects.select_related("merged_into").filter(slug=slug).first()
    if entity is not None:
        entity = entity.final()
    if entity is None or entity.hidden or not entity.public:
        message = _("Il n’y a pas de sujet « %(slug)s » : vérifiez l’adresse.")
        raise Http404(message % {"slug": slug})
    return entity


def article_entities(article: ArticlePage, limit: int = IN_ARTICLE) -> list[Entity]:
    """The visible entities `article` names, the most mentioned first; one query."""
    links = (
        ArticleEntity.objects.filter(
            article=article.pk,
            entity__public=True,
            entity__hidden=False,
            entity__merged_into__isnull=True,
        )
        .select_related("entity")
        .order_by("-mentions", "entity__name")[:limit]
    )
    return [link.entity for link in links]


def entity_article_ids(entity: Entity, *, public: bool = True) -> QuerySet:
    """The ids of the public articles naming `entity` (those under no view restriction),
    newest first (lazy, for paging); restricted ones too when not `public`."""
    articles = public_articles() if public else ArticlePage.objects.live()
    return (
        articles.filter(entity_links__entity=entity)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)
    )


def related_entities(entity: Entity, limit: int = RELATED_SIZE) -> list[Entity]:
    """The visible entities named most often in the same articles as `entity` (its latest
    RELATED_FROM_ARTICLES), the most shared first."""
    ids = list(entity_article_ids(entity)[:RELATED_FROM_ARTICLES])
    if not ids:
        return []
    shared = (
        ArticleEntity.objects.filter(
            article__in=ids,
            entity__public=True,
            entity__hidden=False,
            entity__merged_into__isnull=True,
        )
        .exclude(entity=entity.pk)
        .values("entity")
        .annotate(shared=Count("article"))
        .order_by("-shared", "entity")[:limit]
    )
    order = [row["entity"] for row in shared]
    entities = Entity.objects.in_bulk(order)
    return [entities[pk] for pk in order if pk in entities]


def _with_live_articles(entities: QuerySet[Entity]) -> Entity | None:
    """The entity of `entities` named by the most public articles, with `article_count`;
    None when none is named by any."""
    public = Q(unrestricted("article_links__article__"), article_links__article__live=True)
    return (
        entities.annotate(article_count=Count("article_links", filter=public, distinct=True))
        .filter(article_count__gt=0)
        .order_by("-article_count", "pk")
        .first()
    )


# The articles a name may start with, as its key writes them (« Le Caire »: "l cair").
NAME_ARTICLES = ("l", "le", "la", "les")


def query_keys(text: str) -> list[str]:
    """The keys a search's text may spell a name under: as typed, and without its stop
    words (« le Hezbollah », « l’OSDH »), which a name may hold too (« Le Caire »)."""
    chunks = (text or "").split()
    # Each chunk keeps its words together: « al-Assad » is one name's word, "asad".
    without = [
        "-".join(word for word in WORD.findall(chunk) if fold(word) not in STOP_WORDS)
        for chunk in chunks
    ]
    keys = (name_key(" ".join(chunks)), name_key(" ".join(without)))
    return [key for key in dict.fromkeys(keys) if key]


def entity_for_query(text: str) -> Entity | None:
    """The visible entity a search names: one with live articles that the whole query
    spells (« Bashar al-Assad » finds « Bachar el-Assad »), else, for a query of one word,
    a name it is with its article (« Caire », « Le Caire ») or a person whose name it ends
    (a family name: « Assad »; « port » is no search for the Sporting du Port); the most
    written about when several are. It comes with its `article_count`."""
    keys = query_keys(text)
    if not keys:
        return None
    exact = _with_live_articles(
        visible_entities().filter(pk__in=Alias.objects.filter(key__in=keys).values("entity"))
    )
    if exact is not None:
        return exact
    words = [key for key in keys if " " not in key]
    if not words:
        return None
    with_article = Alias.objects.filter(
        key__in=[f"{article} {word}" for word in words for article in NAME_ARTICLES]
    )
    family_name = Alias.objects.filter(last_key__in=words)
    return _with_live_articles(
        visible_entities().filter(
            Q(pk__in=with_article.values("entity"))
            | Q(kind=Entity.Kind.PERSON, pk__in=family_name.values("entity"))
        )
    )


def search_entity(query: str, page: str | None = None) -> Entity | None:
    """The entity shown above a search's results: on their first page only, for a query
    that searches (no card beside an error) and excludes nothing (« -Assad » is not a
    search for him)."""
    if not query or page not in (None, "", "1"):
        return None
    try:
        parsed = parse_query(query)
    except QueryError:
        return None
    if parsed.excluded_words:
        return None
    # Its text, not its words: these lose the hyphens a name's key keeps (« al-Assad »).
    return entity_for_query(parsed.text)
