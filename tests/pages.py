"""The newsroom's pages as tests write them: sections and published articles, each with a
slug of its own. The `make_section` and `make_article` fixtures hand these out; a
module-scoped fixture calls them directly."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from quotidien.news.models import ArticlePage, SectionPage

_slugs = count(1)


def add_section(parent, title: str, **fields) -> SectionPage:
    section = SectionPage(title=title, slug=fields.pop("slug", None) or title.lower(), **fields)
    parent.add_child(instance=section)
    section.save_revision().publish()
    return section


def add_article(section, title: str | None = None, *, age=timedelta(hours=1), tags=(), **fields):
    """Publish an article under `section`, `age` before now (`live=False`: a draft)."""
    number = next(_slugs)
    fields.setdefault("standfirst", f"Chapô de l’article {number}.")
    fields.setdefault("body", [("paragraph", f"<p>Corps de l’article {number}.</p>")])
    publish = fields.pop("live", True)
    when = timezone.now() - age
    if publish:
        # Published already at `when` for what indexes the article as it goes live.
        fields.setdefault("first_published_at", when)
    article = ArticlePage(
        title=title or f"Article {number}",
        slug=fields.pop("slug", None) or f"article-{number}",
        live=False,
        **fields,
    )
    section.add_child(instance=article)
    article.tags.set(list(tags))
    revision = article.save_revision()
    if publish:
        revision.publish()
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=when, last_published_at=when
        )
    article.refresh_from_db()
    return article
