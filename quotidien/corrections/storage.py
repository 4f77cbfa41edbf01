"""Where the documents sent with a right-of-reply request are kept: on disk, out of the
public media's reach.

The folder is `settings.QUOTIDIEN_PRIVATE_ROOT`, by default a sibling of MEDIA_ROOT named
"private", which no URL serves: a file has no public address (`url()` refuses), and the
back office hands it to editors only (see admin_views.download_document).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_root() -> Path:
    """The folder of private uploads, read from the settings each time (tests change them)."""
    configured = getattr(settings, "QUOTIDIEN_PRIVATE_ROOT", None)
    return Path(configured) if configured else Path(settings.MEDIA_ROOT).parent / "private"


class PrivateStorage(FileSystemStorage):
    """A file system storage with no public URL."""

    @property
    def base_location(self) -> str:
        return str(private_root())

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(
            "Les pièces des demandes de droit de réponse n’ont pas d’adresse publique."
        )


private_storage = PrivateStorage()
