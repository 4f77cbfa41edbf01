"""The reader's own part of every page's masthead (see quotidien.pagecache.personal)."""

from django.template import Context
from django.template.context_processors import csrf
from django.template.loader import get_template

from quotidien.pagecache.personal import part


@part("account-links")
def account_links(request, page) -> str:
    """The reader's name and account links, or « S'abonner » and « Se connecter »."""
    template = get_template("includes/account_links.html").template
    # The token only when the template asks for one: an anonymous reader's page, which
    # has no form here, stays cacheable.
    return template.render(Context({"user": request.user, **csrf(request)}))
