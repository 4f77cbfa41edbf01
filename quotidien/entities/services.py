"""Writes of the entities: an article's mentions filed under their entities, and the
editors' merges and changes, logged for the back office's history."""

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from quotidien.links import request_path
from quotidien.news.models import ArticlePage
from quotidien.news.slugs import ascii_slug
from quotidien.pagecache import versions
from quotidien.search.names import name_key

from .confidence import known_kinds, publish_confident
from .extraction import Mention
from .models import NAME_LENGTH, Alias, ArticleEntity, Entity, Extraction, last_word

logger = logging.getLogger(__name__)

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
        # The newsroom's list of known places and organisations wins over the model.
        if known := known_kinds().get(self.key):
            return known
        # The model often takes a person's full name for a place; a tie goes to the person.
        return max(self.kinds, key=lambda kind: (self.kinds[kind], kind == Entity.Kind.PERSON))

    @property
    def name(self) -> str:
        # The spelling used most; the longest of those (« Bachar el-Assad », not « Assad »).
        return max(self.spellings.items(), key=lambda item: (item[1], len(item[0])))[0]


def group_mentions(mentions: Iterable[Mention]) -> list[Group]:
    """The mentions of one article grouped by entity: by key, and a person's short mention
    (« Assad », « el-Assad ») with the longer name it ends (« Bachar el-Assad »), the most
    mentioned when several do; a first name alone (« Walid ») with the full name it begins
    (« Walid Tannous »). The longer name may have been taken for a place or an
    organisation: the model often is wrong there, seldom on the short one."""
    groups: dict[str, Group] = {}
    for mention in mentions:
        if not (key := name_key(mention.spelling)[:NAME_LENGTH].strip()):
            continue
        group = groups.setdefault(key, Group(key))
        group.count += 1
        # The filters keep no longer spelling; what comes otherwise is cut to fit.
        group.spellings[mention.spelling[:NAME_LENGTH]] += 1
        group.kinds[mention.kind] += 1
    people = [group for group in groups.values() if group.kind == Entity.Kind.PERSON]
    for short in sorted(people, key=lambda group: len(group.key.split())):
        words = short.key.split()
        longer = [
            group
            for group in groups.values()
            if len(group.key.split()) > len(words)
            and (
                group.key.split()[-len(words) :] == words
                or (len(words) == 1 and group.key.split()[0] == words[0])
            )
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


def entity_of_key(group: Group) -> Entity:
    """The entity made for `group`'s key, made now unless there is one already. Two workers
    finding a new name at once make one entity: the key is unique, the second one waits
    for the first's transaction, then takes its entity."""
    for _attempt in range(3):
        if (entity := Entity.objects.filter(key=group.key).first()) is not None:
            return entity.final()
        try:
            with transaction.atomic():
                return Entity.objects.create(
                    key=group.key,
                    name=group.name[:NAME_LENGTH],
                    slug=free_entity_slug(group.name),
                    kind=group.kind,
                    # Shown once the rule allows (confidence.publish_confident).
                    public=False,
                )
        except IntegrityError:
            # Another worker made the entity, or took the address, meanwhile.
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
        resolved[group.key] = entity.final() if entity is not None else entity_of_key(group)
    _correct_known_kinds(resolved)
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


def _correct_known_kinds(resolved: dict[str, Entity]) -> None:
    """Give the entities the newsroom's list knows their kind, unless an editor reviewed
    them (the editor's choice stands)."""
    known = known_kinds()
    for key, entity in resolved.items():
        kind = known.get(key)
        if kind and entity.kind != kind and not entity.reviewed:
            entity.kind = kind
            Entity.objects.filter(pk=entity.pk).update(kind=kind)


@transaction.atomic
def record_mentions(*, article: ArticlePage, mentions: Iterable[Mention]) -> bool:
    """File `article`'s mentions under their entities, in place of what it named before;
    returns whether the entities it names changed (never, when the article was deleted
    or unpublished while the model read it)."""
    # Locked until the end: the article cannot go before its links are written.
    if not Page.objects.select_for_update().filter(pk=article.pk, live=True).exists():
        return False
    Extraction.objects.update_or_create(
        article_id=article.pk, defaults={"extracted_at": timezone.now()}
    )
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
    publish_confident(counts)
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
    changed = 0
    for article, mentions in zip(articles, found, strict=True):
        try:
            changed += record_mentions(article=article, mentions=mentions)
        except Exception:
            # One article's failure leaves the others of its batch theirs.
            logger.exception("The entities of article %s could not be recorded.", article.pk)
    return changed


def merge_entities(*, source: Entity, target: Entity, by=None) -> Entity:
    """Merge `source` into `target`: its spellings and articles go to `target`, and its
    address leads there. Returns `target`."""
    if source.pk == target.pk:
        raise ValidationError(
            _("Un sujet ne peut pas être fusionné avec lui-même."), code="same_entity"
        )
    with transaction.atomic():
        # Both read again and locked: a merge made meanwhile by another editor counts.
        locked = Entity.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
        entities = {entity.pk: entity for entity in locked.order_by("pk")}
        source, target = entities[source.pk], entities[target.pk]
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
        spellings = set(target.aliases.values_list("spelling", flat=True))
        source.aliases.exclude(spelling__in=spellings).update(entity=target)
        source.aliases.all().delete()
        # An article naming both: its mentions of `source` are added to those of `target`.
        links = ArticleEntity.objects.filter(entity=source.pk)
        shared = ArticleEntity.objects.filter(entity=target.pk, article__in=links.values("article"))
        shared.update(
            mentions=F("mentions")
            + Subquery(links.filter(article=OuterRef("article")).values("mentions")[:1])
        )
        links.filter(
            article__in=ArticleEntity.objects.filter(entity=target.pk).values("article")
        ).delete()
        links.update(entity=target)
        # Entities merged into `source` before now lead to `target` directly.
        Entity.objects.filter(merged_into=source.pk).update(merged_into=target)
        source.merged_into = target
        source.save(update_fields=["merged_into", "updated"])
        publish_confident([target.pk])
        data = {"source": source.pk, "source_name": source.name, "target": target.pk}
        log(source, MERGED, user=by, data={**data, "target_name": target.name})
        log(target, MERGED, user=by, data={**data, "target_name": target.name})
    outdate()
    return target


def change_entity(
    *, entity: Entity, name: str, kind: str, hidden: bool, reviewed: bool | None = None, by=None
) -> Entity:
    """An editor's change of an entity's name, kind or visibility, logged; a reviewed
    entity is public from now on."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Donnez un nom au sujet."), code="empty_name")
    was_hidden = Entity.objects.filter(pk=entity.pk).values_list("hidden", flat=True).first()
    entity.name, entity.kind, entity.hidden = name, kind, hidden
    if reviewed is not None:
        entity.reviewed = reviewed
    if entity.reviewed:
        entity.public = True
    with transaction.atomic():
        entity.save()
        if was_hidden != hidden:
            log(entity, HIDDEN if hidden else SHOWN, user=by)
        else:
            log(entity, CHANGED, user=by)
    outdate()
    return entity
