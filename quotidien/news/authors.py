"""Reads behind the authors' pages: who signs, and what they signed.

Like `queries`, every list of articles goes through `article_cards()`, so an author's
page costs the same queries whether they signed ten articles or ten thousand.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from quotidien.text import fold

from .models import Author
from .queries import public_articles, with_portraits


def author_by_slug(slug: str) -> Author:
    """The author whose page is at `slug`, with their portrait; a 404 in French otherwise."""
    author = with_portraits(Author.objects.filter(slug=slug)).first()
    if author is None:
        raise Http404(
            _("Aucun auteur ne signe sous l’identifiant « %(slug)s » : vérifiez l’adresse.")
            % {"slug": slug}
        )
    return author


def all_authors() -> list[Author]:
    """Every author of the paper, with their portrait, for the authors' index: in the
    alphabet's order, where « Élias » comes before « Karim » (not after « Z » as in bytes)."""
    authors = with_portraits(Author.objects.order_by("pk"))
    return sorted(authors, key=lambda author: (fold(author.name), author.pk))


def author_article_ids(author: Author) -> QuerySet:
    """The ids of the public articles `author` signed, newest first (lazy, for paging)."""
    return (
        public_articles()
        .filter(authors=author)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)
    )
