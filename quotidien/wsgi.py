"""WSGI entry point for production servers: the page cache answers first, then Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quotidien.settings")

from quotidien.pagecache.front import PageCacheFront  # noqa: E402 (needs the settings module)

application = PageCacheFront(get_wsgi_application())
