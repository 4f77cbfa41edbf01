"""The search index: one entry per live article, as it was indexed.

An entry keeps the readable text (for snippets) and `docid`, a number that grows
with the publication time, so that "the most recent matches" is an index range
scan on both databases. The full-text part lives beside it and is created by this
app's migration for the database in use: the FTS5 table `search_fts` on SQLite
(its rowid is `docid`), the `vector` tsvector column with a GIN index on
PostgreSQL. Neither is a Django field: only `quotidien.search.backends` touches them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """What the search index knows of one live article."""

    article = models.OneToOneField(
        "news.ArticlePage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
        verbose_name=_("article"),
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
