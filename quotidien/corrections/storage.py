"""Where the documents sent with a right-of-reply request are kept: on disk, out of the
public media's reach.

The folder is `settings.PRIVATE_ROOT`, by default `private/` beside MEDIA_ROOT (see
quotidien.media.private_root), which no URL serves: a file has no public address (`url()`
refuses), and the back office hands it to editors only (see admin_views.download_document).
"""

import os

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


private_storage = PrivateStorage()
