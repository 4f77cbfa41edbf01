"""WSGI entry point for production servers: the page cache answers first, then Django.

Requests are logged outside both (REQUEST_LOG=json), so that cache hits are logged too.
Outermost, the reader's address replaces a trusted proxy's (TRUSTED_PROXIES), so that
everything inside sees the reader's: institutions' ranges in the page cache included.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quotidien.settings")

# These need the settings module.
from quotidien.pagecache.front import PageCacheFront  # noqa: E402
from quotidien.proxies import ForwardedAddress  # noqa: E402
from quotidien.requestlog import logged  # noqa: E402

application = ForwardedAddress(logged(PageCacheFront(get_wsgi_application())))
