"""Article views count, whether Django serves the article, the page cache or a shared
cache in front (through the article's beacon, see `beacon`)."""

from django.conf import settings
from wagtail import hooks

from quotidien.model_labels import models_named
from quotidien.pagecache.viewing import count_views

from . import beacon


@hooks.register("before_serve_page")
def count_article_views(page, request, serve_args, serve_kwargs):
    # The article itself, not its comments page or gift link (routes of their own);
    # previews are not served through here.
    match = getattr(request, "routable_resolver_match", None)
    counted = models_named(tuple(settings.QUOTIDIEN_COUNTED_PAGES))
    if isinstance(page, counted) and (match is None or match.url_name == "index_route"):
        if beacon.counts_by_beacon():
            beacon.mark(request, page.pk)
        else:
            count_views(request, page.pk)
