"""Writes of the entities: an article's mentions filed under their entities, and the
editors' merges and changes, logged for the back office's history."""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from quotidien.news.models import ArticlePage
from quotidien.news.slugs import ascii_slug
from quotidien.pagecache import versions
from quotidien.search.names import name_key
from quotidien.syndication.links import request_path

from .extraction import Mention
from .models import Alias, ArticleEntity, Entity, last_word

MERGED = "entities.merge"
HIDDEN = "entities.hide"
SHOWN = "entities.show"
CHANGED = "entities.change"
SLUG_LENGTH = 190
# Where entities show besides their articles: their pages, and the search page's card.
PATHS = ("/sujets/", "/recherche/")


@dataclass
class Group:
    """The mentions of one article under one key: the entity they name."""

    key: str
    count: int = 0
    spellings: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)

    def add(self, other: "Group") -> None:
        self.count += other.count
        self.spellings.update(other.spellings)
        self.kinds.update(other.kinds)

    @property
    def kind(self) -> str:
        # The model often takes a person's full name for a place; a tie goes to the person.
        return max(self.kinds, key=lambda kind: (self.kinds[kind], kind == Entity.Kind.PERSON))

    @property
    def name(self) -> str:
        # The spelling used most; the longest of those (« Bachar el-Assad », not « Assad »).
        return max(self.spellings.items(), key=lambda item: (item[1], len(item[0])))[0]


def group_mentions(mentions: Iterable[Mention]) -> list[Group]:
    """The mentions of one article grouped by entity: by key, and a person's short mention
    (« Assad », « el-Assad ») with the longer name it ends (« Bachar el-Assad »), the most
    mentioned when several do. The longer name may have been taken for a place or an
    organisation: the model often is wrong there, seldom on the short one."""
    groups: dict[str, Group] = {}
    for mention in mentions:
        if not (key := name_key(mention.spelling)):
            continue
        group = groups.setdefault(key, Group(key))
        group.count += 1
        group.spellings[mention.spelling] += 1
        group.kinds[mention.kind] += 1
    people = [group for group in groups.values() if group.kind == Entity.Kind.PERSON]
    for short in sorted(people, key=lambda group: len(group.key.split())):
        words = short.key.split()
        longer = [
            group
            for group in groups.values()
            if len(group.key.split()) > len(words) and group.key.split()[-len(words) :] == words
        ]
        if longer and short.key in groups:
            target = max(longer, key=lambda group: group.count)
            # Its count, not its spellings: « Assad » alone may name another Assad elsewhere.
            target.count += short.count
            target.kinds.update(short.kinds)
            del groups[short.key]
    return list(groups.values())


def free_entity_slug(name: str) -> str:
    base = ascii_slug(name)[:SLUG_LENGTH].strip("-") or "sujet"
    taken = set(Entity.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _new_entity(group: Group) -> Entity:
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return Entity.objects.create(
                    name=group.name, slug=free_entity_slug(group.name), kind=group.kind
                )
        except IntegrityError:
            # Another worker took the slug meanwhile: the next free one.
            continue
    raise RuntimeError(f"No free address for the entity {group.name!r}.")


def entities_for(groups: Sequence[Group]) -> dict[str, Entity]:
    """The entity of each group's key: the one an alias of that key belongs to (after its
    merges), else a new one."""
    found: dict[str, Entity] = {}
    aliases = (
        Alias.objects.filter(key__in=[group.key for group in groups])
        .select_related("entity__merged_into")
        .order_by("entity_id")
    )
    for alias in aliases:
        found.setdefault(alias.key, alias.entity)
    resolved = {}
    for group in groups:
        entity = found.get(group.key)
        resolved[group.key] = entity.final() if entity is not None else _new_entity(group)
    known = set(
        Alias.objects.filter(entity__in=[entity.pk for entity in resolved.values()]).values_list(
            "entity_id", "spelling"
        )
    )
    Alias.objects.bulk_create(
        [
            Alias(
                entity=resolved[group.key],
                spelling=spelling,
                key=group.key,
                last_key=last_word(group.key),
            )
            for group in groups
            for spelling in group.spellings
            if (resolved[group.key].pk, spelling) not in known
        ],
        ignore_conflicts=True,
    )
    return resolved


@transaction.atomic
def record_mentions(*, article: ArticlePage, mentions: Iterable[Mention]) -> bool:
    """File `article`'s mentions under their entities, in place of what it named before;
    returns whether the entities it names changed."""
    groups = group_mentions(mentions)
    entities = entities_for(groups)
    counts: Counter = Counter()
    for group in groups:
        counts[entities[group.key].pk] += group.count
    before = dict(
        ArticleEntity.objects.filter(article=article.pk).values_list("entity_id", "mentions")
    )
    if before == dict(counts):
        return False
    ArticleEntity.objects.filter(article=article.pk).delete()
    ArticleEntity.objects.bulk_create(
        [
            ArticleEntity(article_id=article.pk, entity_id=pk, mentions=count)
            for pk, count in counts.items()
        ]
    )
    outdate(article)
    return True


def outdate(article: ArticlePage | None = None) -> None:
    """Outdate the cached pages that show an article's entities: its own, the entities'
    pages and the search page; every page when no article is given."""
    if article is None:
        versions.outdate_site()
        return
    if path := request_path(article):
        versions.outdate_path(path)
    for path in PATHS:
        versions.outdate_path(path)


def extract_for_articles(*, ids: Sequence[int]) -> int:
    """Find and file the entities of the live articles among `ids`, their texts read by
    the model together; returns how many articles changed."""
    from .extraction import mentions_of

    articles = list(
        ArticlePage.objects.live()
        .filter(pk__in=list(ids))
        .only("pk", "title", "standfirst", "body", "url_path", "path", "depth")
        .order_by("pk")
    )
    found = mentions_of(articles)
    return sum(
        record_mentions(article=article, mentions=mentions)
        for article, mentions in zip(articles, found, strict=True)
    )


def merge_entities(*, source: Entity, target: Entity, by=None) -> Entity:
    """Merge `source` into `target`: its spellings and articles go to `target`, and its
    address leads there. Returns `target`."""
    if source.pk == target.pk:
        raise ValidationError(
            _("Un sujet ne peut pas être fusionné avec lui-même."), code="same_entity"
        )
    if target.merged_into_id is not None:
        raise ValidationError(
            _("« %(name)s » a déjà été fusionné dans un autre sujet : choisissez celui-là.")
            % {"name": target.name},
            code="target_merged",
        )
    if source.merged_into_id is not None:
        raise ValidationError(
            _("« %(name)s » a déjà été fusionné.") % {"name": source.name},
            code="source_merged",
        )
    with transaction.atomic():
        spellings = set(target.aliases.values_list("spelling", flat=True))
        source.aliases.exclude(spelling__in=spellings).update(entity=target)
        source.aliases.all().delete()
        links = {link.article_id: link for link in ArticleEntity.objects.filter(entity=target.pk)}
        moved = defaultdict(int)
        for link in ArticleEntity.objects.filter(entity=source.pk):
            if link.article_id in links:
                moved[link.article_id] += link.mentions
            else:
                link.entity = target
                link.save(update_fields=["entity"])
        for article_id, mentions in moved.items():
            ArticleEntity.objects.filter(entity=target.pk, article_id=article_id).update(
                mentions=F("mentions") + mentions
            )
        ArticleEntity.objects.filter(entity=source.pk).delete()
        # Entities merged into `source` before now lead to `target` directly.
        Entity.objects.filter(merged_into=source.pk).update(merged_into=target)
        source.merged_into = target
        source.save(update_fields=["merged_into", "updated"])
        data = {"source": source.pk, "source_name": source.name, "target": target.pk}
        log(source, MERGED, user=by, data={**data, "target_name": target.name})
        log(target, MERGED, user=by, data={**data, "target_name": target.name})
    outdate()
    return target


def change_entity(*, entity: Entity, name: str, kind: str, hidden: bool, by=None) -> Entity:
    """An editor's change of an entity's name, kind or visibility, logged."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Donnez un nom au sujet."), code="empty_name")
    was_hidden = Entity.objects.filter(pk=entity.pk).values_list("hidden", flat=True).first()
    entity.name, entity.kind, entity.hidden = name, kind, hidden
    with transaction.atomic():
        entity.save()
        if was_hidden != hidden:
            log(entity, HIDDEN if hidden else SHOWN, user=by)
        else:
            log(entity, CHANGED, user=by)
    outdate()
    return entity
