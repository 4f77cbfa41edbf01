"""Template context of every public page: its footer."""

from django.utils.functional import SimpleLazyObject

from .footer import footer_for


def footer(request):
    if request.path.startswith("/admin/"):
        return {}
    # Read only by the templates that show a footer (not by e-mails or feeds).
    return {"footer": SimpleLazyObject(lambda: footer_for(request))}
