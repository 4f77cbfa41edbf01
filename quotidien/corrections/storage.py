"""Where the documents sent with a right-of-reply request are kept: on disk, out of the
public media's reach.

The folder is `settings.PRIVATE_ROOT`, by default `private/` beside MEDIA_ROOT (see
quotidien.media.private_root), which no URL serves: a file has no public address (`url()`
refuses), and the back office hands it to editors only (see request_views.document). Files
and folders are readable by the site's own user only, and a file is stored under a name of
the site's making, never the one the sender gave (see `document_path`).

With several application servers, PRIVATE_ROOT must be on storage they all share.
"""

import os
import secrets
from datetime import date

from django.core.files.storage import FileSystemStorage

from quotidien.media import private_root


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


private_storage = PrivateStorage(file_permissions_mode=0o600, directory_permissions_mode=0o700)


def document_path(instance, filename: str) -> str:
    """Where a request's document is stored: a random name with the extension the form
    checked (`droit-de-reponse/2026/12/3f9c….pdf`)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    name = secrets.token_hex(16) + (f".{extension}" if extension.isalnum() else "")
    return date.today().strftime("droit-de-reponse/%Y/%m/") + name
