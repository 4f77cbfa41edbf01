"""The search index: one entry per live article or live page ("direct"), as it was indexed.

An entry keeps the readable text (for snippets) and `docid`, a number that grows
with the publication time, so that "the most recent matches" is an index range
scan on both databases. The full-text part lives beside it and is created by this
app's migrations for the database in use: the FTS5 table `search_fts` on SQLite
(its rowid is `docid`), the narrow table `search_vector` (docid, path, a tsvector with
a GIN index) on PostgreSQL. Neither is a Django model: only `quotidien.search.backends`
touches them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """What the search index knows of one live article."""

    # An article or a live page (`documents.INDEXED_TYPES`): both are pages.
    article = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
        verbose_name=_("page"),
    )
    docid = models.BigIntegerField(_("rang chronologique"), unique=True)
    published_at = models.DateTimeField(_("publié le"))
    path = models.CharField(_("chemin dans l’arborescence"), max_length=255, db_index=True)
    headline = models.TextField(_("titre"))
    standfirst = models.TextField(_("chapô"), blank=True)
    body = models.TextField(
        _("texte"), blank=True, help_text=_("Paragraphes séparés par une ligne vide.")
    )

    class Meta:
        verbose_name = _("entrée de l’index de recherche")
        verbose_name_plural = _("entrées de l’index de recherche")

    def __str__(self) -> str:
        return self.headline


class NameVariants(models.Model):
    """Spellings of one name that search treats as one: what the transliteration rules
    (data/transliteration.toml) cannot bring together, kept by the editors."""

    name = models.CharField(
        _("nom"),
        max_length=200,
        unique=True,
        help_text=_("La graphie que le journal emploie, par exemple « Hezbollah »."),
    )
    spellings = models.TextField(
        _("autres graphies"),
        help_text=_(
            "Une graphie par ligne, par exemple « Hizbollah », « Hizballah ». Un lecteur "
            "qui cherche l’une trouve les articles qui en écrivent une autre."
        ),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("variantes d’un nom")
        verbose_name_plural = _("variantes des noms")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        """A spelling belongs to one name only: otherwise which name would a reader's
        query spell?"""
        from .names import name_key
        from .variants import MAX_FORMS

        if len(self.forms) > MAX_FORMS:
            raise ValidationError(
                {
                    "spellings": _(
                        "%(max)d graphies au plus pour un nom, s’il vous plaît : gardez celles "
                        "que les lecteurs tapent vraiment."
                    )
                    % {"max": MAX_FORMS - 1}
                }
            )
        keys = {name_key(form): form for form in self.forms}
        keys.pop("", None)
        for other in NameVariants.objects.exclude(pk=self.pk):
            for form in other.forms:
                if (key := name_key(form)) in keys:
                    raise ValidationError(
                        {
                            "spellings": _(
                                "« %(form)s » s’écrit comme « %(other)s », déjà une graphie "
                                "de « %(name)s » : ajoutez vos graphies à ce nom plutôt que "
                                "d’en créer un second."
                            )
                            % {"form": keys[key], "other": form, "name": other.name}
                        }
                    )

    @property
    def forms(self) -> list[str]:
        """The name and its other spellings, each once, in the order written."""
        forms = [self.name, *self.spellings.splitlines()]
        return list(dict.fromkeys(" ".join(form.split()) for form in forms if form.strip()))


class Word(models.Model):
    """One word of the live articles, for the search page's « Vouliez-vous dire ? »
    (`quotidien.search.vocabulary`)."""

    folded = models.CharField(_("mot sans accents ni majuscules"), max_length=40, primary_key=True)
    written = models.CharField(
        _("graphie"), max_length=40, help_text=_("Comme les articles l’écrivent le plus.")
    )
    term = models.CharField(_("terme de l’index"), max_length=40, db_index=True)
    articles = models.PositiveIntegerField(
        _("articles"),
        default=0,
        help_text=_("Articles en ligne que le mot trouve (recomptés chaque nuit)."),
    )
    added_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    class Meta:
        verbose_name = _("mot du vocabulaire")
        verbose_name_plural = _("mots du vocabulaire")

    def __str__(self) -> str:
        return self.written


class WordDeletion(models.Model):
    """A word with one of its letters left out (« electricite » → « electrcite »): what
    finds a word in a few index lookups from a reader's misspelling of it."""

    pk = models.CompositePrimaryKey("variant", "word")
    variant = models.CharField(_("mot amputé d’une lettre"), max_length=40)
    word = models.ForeignKey(
        Word,
        db_column="word",
        on_delete=models.CASCADE,
        related_name="deletions",
        verbose_name=_("mot"),
    )

    class Meta:
        verbose_name = _("mot amputé d’une lettre")
        verbose_name_plural = _("mots amputés d’une lettre")

    def __str__(self) -> str:
        return self.variant
