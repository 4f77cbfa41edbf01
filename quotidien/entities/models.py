"""People, places and organisations named in the paper's articles.

An entity is one person, place or organisation, whatever the spellings its articles use:
each spelling found is an alias, filed under its key (`quotidien.search.names.name_key`),
which the region's usual transliterations share. Editors hide an entity found by mistake
and merge two that are one: the merged entity keeps `merged_into`, so that its address
leads to the other.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The length of names, spellings and keys the tables hold.
NAME_LENGTH = 200


class Entity(models.Model):
    class Kind(models.TextChoices):
        PERSON = "personne", _("Personne")
        PLACE = "lieu", _("Lieu")
        ORGANISATION = "organisation", _("Organisation")

    name = models.CharField(_("nom"), max_length=NAME_LENGTH)
    # Set once, from the name: an entity renamed keeps its address.
    slug = models.SlugField(_("adresse"), max_length=200, unique=True, allow_unicode=False)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    hidden = models.BooleanField(
        _("masqué"),
        default=False,
        help_text=_("Un sujet masqué n’est montré nulle part : ni page, ni lien, ni recherche."),
    )
    reviewed = models.BooleanField(
        _("relu par la rédaction"),
        default=False,
        help_text=_(
            "Cochez quand le nom et le type sont justes : le sujet est alors montré aux "
            "lecteurs. Sinon, il ne l’est qu’une fois nommé dans assez d’articles, et jamais "
            "pour une personne désignée d’un seul mot (un prénom, un nom seul)."
        ),
    )
    # Shown to readers: reviewed, known, or found often enough (confidence.py). Once public,
    # an entity stays so; editors hide it when it is wrong. The extraction makes its
    # entities not public; one made in code on purpose is.
    public = models.BooleanField(_("public"), default=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("fusionné dans"),
    )
    # The key of the name the entity was found under, one entity per key: two workers
    # finding a new name at once make one entity (see services.entities_for). Empty for
    # the entities an older install made twice.
    key = models.CharField(
        _("clé"), max_length=NAME_LENGTH, unique=True, null=True, blank=True, editable=False
    )
    created = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("sujet")
        verbose_name_plural = _("sujets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("entity", args=[self.slug])

    def final(self) -> "Entity":
        """The entity this one was merged into, through every merge; itself if none."""
        entity, seen = self, set()
        while entity.merged_into_id is not None and entity.pk not in seen:
            seen.add(entity.pk)
            entity = entity.merged_into
        return entity

    @property
    def visible(self) -> bool:
        return self.public and not self.hidden and self.merged_into_id is None


class Alias(models.Model):
    """A spelling of an entity as an article wrote it, and its key."""

    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("sujet")
    )
    spelling = models.CharField(_("graphie"), max_length=NAME_LENGTH)
    key = models.CharField(_("clé"), max_length=NAME_LENGTH, db_index=True)
    # The key's last word: a family name alone (« Assad ») finds the full name.
    last_key = models.CharField(_("clé du dernier mot"), max_length=NAME_LENGTH, db_index=True)

    class Meta:
        verbose_name = _("graphie")
        verbose_name_plural = _("graphies")
        constraints = [
            models.UniqueConstraint(fields=["entity", "spelling"], name="entities_alias_unique")
        ]

    def __str__(self) -> str:
        return self.spelling

    def save(self, *args, **kwargs):
        self.last_key = last_word(self.key)
        super().save(*args, **kwargs)


def last_word(key: str) -> str:
    return key.rsplit(" ", 1)[-1]


class ArticleEntity(models.Model):
    """An entity an article names, and how many times."""

    article = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="entity_links",
        verbose_name=_("article"),
    )
    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="article_links", verbose_name=_("sujet")
    )
    mentions = models.PositiveIntegerField(_("mentions"), default=1)

    class Meta:
        verbose_name = _("sujet d’un article")
        verbose_name_plural = _("sujets des articles")
        constraints = [
            models.UniqueConstraint(fields=["article", "entity"], name="entities_link_unique")
        ]
        # An entity's page reads its articles from the entity's side.
        indexes = [models.Index(fields=["entity", "article"], name="entities_link_by_entity")]

    def __str__(self) -> str:
        return f"{self.entity_id} × {self.article_id}"


class Extraction(models.Model):
    """When the worker last looked for an article's entities, whatever it found: `quotidien
    extract_entities --missing` asks for those of the articles never looked at."""

    article = models.OneToOneField(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="entity_extraction",
        verbose_name=_("article"),
    )
    extracted_at = models.DateTimeField(_("sujets cherchés le"))

    class Meta:
        verbose_name = _("recherche des sujets d’un article")
        verbose_name_plural = _("recherches des sujets des articles")

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.extracted_at:%Y-%m-%d %H:%M}"
