"""Local media (photos and their renditions), served by the site itself until a web server
or object storage takes over (`SERVE_MEDIA`), and the private uploads no URL serves."""

from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.static import serve

# A photo's file never changes under its name: a new upload whose name is taken gets a new
# one, and a rendition's name carries its filter and focal point. Browsers may keep them.
MAX_AGE = 30 * 24 * 60 * 60


def serve_media(request, path: str):
    """The file at `path` under MEDIA_ROOT, for browsers to keep a month."""
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:  # a name longer than the disk allows, say: no such file
        raise Http404(_("Fichier introuvable.")) from error
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def private_root() -> Path:
    """The folder of uploads no URL serves: PRIVATE_ROOT, else `private/` beside MEDIA_ROOT
    (read each time: tests move MEDIA_ROOT)."""
    if settings.PRIVATE_ROOT:
        return Path(settings.PRIVATE_ROOT)
    return Path(settings.MEDIA_ROOT).parent / "private"
