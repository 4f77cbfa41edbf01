"""Wagtail, the back office and its images, documents and search, and the tags."""

import os
import zoneinfo

from .env import env_int

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Quotidien")
# The paper's public address as set ("" when not: setup_newsroom then leaves the Wagtail
# site as it is), and the one links are built on.
SITE_URL = os.environ.get("SITE_URL", "")
WAGTAILADMIN_BASE_URL = SITE_URL or "http://127.0.0.1:8000"
WAGTAILIMAGES_IMAGE_MODEL = "news.NewsImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Refuses, with a form error, a photo file cut short or damaged after a valid header.
WAGTAILIMAGES_IMAGE_FORM_BASE = "quotidien.news.image_forms.PhotoForm"
# A few kilobytes of PNG can unpack to gigabytes: 50 million pixels (a 50-megapixel
# camera's photo) keeps a rendition's decoding to about 200 MB (Wagtail's own: 128 million).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 50_000_000)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
# A form error under the back office's request limit (ADMIN_REQUEST_BODY_MAX_BYTES, 32 Mo),
# rather than the limit's bare 413 page.
WAGTAILDOCS_MAX_UPLOAD_SIZE = 30 * 1024 * 1024
WAGTAIL_I18N_ENABLED = False
# The time zones a member may choose in their account: the cities of each area
# (Asia/Beirut, Europe/Paris…) and UTC. Left to Wagtail, the list is every name the
# system knows, « localtime » among them, which browsers refuse: the account page's
# script stopped on it.
WAGTAIL_USER_TIME_ZONES = [
    "UTC",
    *sorted(
        zone
        for zone in zoneinfo.available_timezones()
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "posix", "right/"))
    ),
]
# Web addresses in ASCII, accents folded: « Avancée » → /avancee/, as readers type them.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English"), ("ar", "العربية")]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# Wagtail's database backend, with what editors type in a search box made safe on SQLite.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "quotidien.wagtail_search"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: it is out of reach offline, and each page would send it a
# hash of the staff's e-mail addresses. Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Tags: "Réfugiés" and "réfugiés" are one subject, at /sujet/refugies/.
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
