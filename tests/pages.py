"""The newsroom's pages as tests write them: sections and published articles, each with a
slug of its own. The `make_section` and `make_article` fixtures hand these out; a
module-scoped fixture calls them directly, and `module_pages` makes such a fixture."""

from collections.abc import Callable
from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone
from wagtail.models import Page

from quotidien.news.models import ArticlePage, HomePage, SectionPage

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


def module_pages(make: Callable[[HomePage], dict]):
    """A module-scoped fixture that makes `make(home)`'s pages once, in the newsroom the
    module's tests share (see `_module_newsroom` in tests/conftest.py), and gives their
    keys by name; None when the module makes its newsroom test by test. Each test's
    changes are rolled back before the next, as the newsroom's are; the module's later
    tests that do not ask for the pages find them too. A test reads them with
    `pages_again`, or makes them with `make` when the fixture gives None."""

    @pytest.fixture(scope="module")
    def shared(_module_newsroom, django_db_blocker):
        if _module_newsroom is None:
            yield None
            return
        with django_db_blocker.unblock():
            made = make(HomePage.objects.get(pk=_module_newsroom))
            yield {name: page.pk for name, page in made.items()}

    return shared


def pages_again(keys: dict[str, int]) -> dict:
    """The pages of `keys` (by name), read afresh: what a test changed of them is gone."""
    pages = Page.objects.filter(pk__in=keys.values()).specific().in_bulk()
    return {name: pages[pk] for name, pk in keys.items()}
