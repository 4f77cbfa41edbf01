"""Static files, uploaded media and where they are stored."""

import os
from pathlib import Path

from .core import BASE_DIR, DEBUG, PROJECT_DIR, VAR_DIR
from .env import env_bool, env_int

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
# The largest body Django reads whole into memory (a form's fields, a JSON body): Django's
# own default, named here for the limits below that follow it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The largest request body the site reads, in bytes (decimal, as the refusal writes them:
# « 8 Mo au plus »): a larger one is refused (413) before it is read (quotidien/errors.py).
# Above the largest upload of a reader, a right-of-reply document (5 Mo) with its form, and
# a wire sent to the API (WIRE_MAX_BYTES, 5 Mo by default: raise this one with it).
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 8_000_000)
# Other limits under these paths, the first that matches: the back office uploads photos
# (20 Mio at most, WAGTAILIMAGES_MAX_UPLOAD_SIZE) and documents, one by request; Stripe's
# events weigh a few Kio, and the webhook reads its body whole, as Django reads one no
# larger than DATA_UPLOAD_MAX_MEMORY_SIZE: past it, a 413 rather than Django's 400.
REQUEST_BODY_MAX_BYTES_BY_PREFIX = {
    "/admin/": env_int("ADMIN_REQUEST_BODY_MAX_BYTES", 32_000_000),
    "/abonnement/stripe/webhook/": DATA_UPLOAD_MAX_MEMORY_SIZE,
}
