"""WSGI entry point for production servers: the page cache answers first, then Django.

Requests are logged outside both (REQUEST_LOG=json), so that cache hits are logged too.
Outermost, the reader's address replaces a trusted proxy's (TRUSTED_PROXIES), so that
everything inside sees the reader's: institutions' ranges in the page cache included.

What is loaded by then lives as long as the worker: the garbage collector is told to
leave it aside (`gc.freeze()`), so that its full collections walk only what requests
made since, and run after every collection of the middle generation. Django makes
reference cycles at every rendered page (a template context and its dictionaries, a
request and its message storage), which only a full collection frees: with the whole
heap counted, one came every few hundred pages, and their garbage in between took a
worker's memory up by several megabytes.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quotidien.settings")

# These need the settings module.
from quotidien.pagecache.front import PageCacheFront  # noqa: E402
from quotidien.proxies import ForwardedAddress  # noqa: E402
from quotidien.requestlog import logged  # noqa: E402

application = ForwardedAddress(logged(PageCacheFront(get_wsgi_application())))

gc.freeze()
gc.collect()  # counts the generations afresh, without what was frozen
gc.set_threshold(gc.get_threshold()[0], 10, 1)
