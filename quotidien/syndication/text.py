"""Plain-text pieces shared by feeds and structured data."""

from collections.abc import Iterable

from django.utils.translation import gettext as _


def byline_text(authors: Iterable, agency=None) -> str:
    """« Nadia Khoury, Karim Haddad et ALP »: who signed, then the agency, as plain text."""
    signers = [author.name for author in authors]
    if agency is not None:
        signers.append(agency.short_name)
    if len(signers) < 2:
        return signers[0] if signers else ""
    return _("%(first)s et %(last)s") % {"first": ", ".join(signers[:-1]), "last": signers[-1]}
