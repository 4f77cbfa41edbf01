"""Static files, uploaded media and where they are stored."""

import os
from pathlib import Path

from .core import BASE_DIR, DEBUG, PROJECT_DIR, VAR_DIR
from .env import env_bool

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The site's fonts come from their npm packages (`make install` puts them in node_modules/).
FONTS_DIR = BASE_DIR / "node_modules" / "@fontsource-variable"
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    ("fonts/source-serif-4", FONTS_DIR / "source-serif-4" / "files"),
    ("fonts/source-sans-3", FONTS_DIR / "source-sans-3" / "files"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploads no URL serves (documents sent with a right-of-reply request): empty, `private/`
# beside MEDIA_ROOT. Backups hold them with the media.
PRIVATE_ROOT = os.environ.get("PRIVATE_ROOT") or None
# Local media is served by the site itself until a web server or object storage takes over.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
