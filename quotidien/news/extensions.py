"""What other apps add to the paper's pages, through Wagtail hooks, so that this app
imports none of them (comments, moderation and live coverage build on news, not the
reverse).

``SECTION_CONTEXT``
    ``fn(section, request, context)`` adds to a section page's context: the live app
    puts there, as ``live_pages``, the live coverages going on in the section, which the
    section's template shows atop and for which ``SectionPage.serve`` keeps the page a
    minute only.

``ARTICLE_AUDIENCE``
    ``fn(article, request)`` returns what, besides the reader's access, decides the page
    of an article for a logged-in reader, as a hashable value (see
    ``ArticlePage.audience``): the comments app, whether the newest comment is the
    reader's and whether comments are open.

``ARTICLE_COMMENTS``
    ``fn(request, article)`` is the view of the article's comments (/…/commentaires/):
    the comments app's, or the last registered (a project that replaces it).

Templates and page types still name the apps that build on news (the article's page
loads the comments' template tags, a section takes live pages under it): only Python
imports are undone here.
"""

from wagtail import hooks

SECTION_CONTEXT = "quotidien_section_context"
ARTICLE_AUDIENCE = "quotidien_article_audience"
ARTICLE_COMMENTS = "quotidien_article_comments"


def section_context(section, request, context: dict) -> None:
    for add in hooks.get_hooks(SECTION_CONTEXT):
        add(section, request, context)


def article_audience(article, request) -> tuple:
    return tuple(part(article, request) for part in hooks.get_hooks(ARTICLE_AUDIENCE))


def article_comments_view():
    """The view of an article's comments (the last registered), or None when no app
    gives one."""
    views = hooks.get_hooks(ARTICLE_COMMENTS)
    return views[-1] if views else None
