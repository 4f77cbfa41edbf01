"""What outdates cached pages of any kind: publishing, moves, sites, privacy.

The apps whose content shows on pages say themselves when theirs changes, with
`outdate_article` or `versions`: comments (quotidien.comments.signal_handlers), bylines
and photos (quotidien.news.signal_handlers), live entries, corrections.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from quotidien.links import request_path

from . import versions


def outdate_article(sender, article_id: int, **kwargs) -> None:
    page = Page.objects.filter(pk=article_id).first()
    if page is not None and (path := request_path(page)):
        versions.outdate_path(path)


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(versions.outdate_site, dispatch_uid=f"pagecache-{signal}")
    post_delete.connect(versions.outdate_site, sender=Page, dispatch_uid="pagecache-delete")
    # A restriction answers before the cache would: a page made private must leave it.
    for model in (Site, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(versions.outdate_site, sender=model, weak=False)
