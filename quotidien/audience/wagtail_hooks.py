"""Article views count, whether Django serves the article or the page cache does."""

from wagtail import hooks

from quotidien.news.models import ArticlePage
from quotidien.pagecache.viewing import count_views


@hooks.register("before_serve_page")
def count_article_views(page, request, serve_args, serve_kwargs):
    # The article itself, not its comments page or gift link (routes of their own);
    # previews are not served through here.
    match = getattr(request, "routable_resolver_match", None)
    if isinstance(page, ArticlePage) and (match is None or match.url_name == "index_route"):
        count_views(request, page.pk)
