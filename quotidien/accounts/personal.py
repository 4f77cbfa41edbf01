"""The reader's own part of every page's masthead (see quotidien.pagecache.personal)."""

from django.utils.html import escape

from quotidien.pagecache.personal import part


@part("reader-name")
def reader_name(request, page) -> str:
    """The name the logged-in reader shows under their comments."""
    return escape(request.user.get_display_name())
