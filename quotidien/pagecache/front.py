"""The WSGI entry's front: a fresh cached page goes out without entering Django."""

import logging
from http import HTTPStatus

from . import pages, viewing

logger = logging.getLogger(__name__)
STATUS_LINES = {status.value: f"{status.value} {status.phrase}" for status in HTTPStatus}


class PageCacheFront:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            lookup = pages.look_up(environ)
        except Exception:
            # Django's handler meets the same failure in the middleware, and reports it.
            logger.warning("Cache des pages illisible", exc_info=True)
            lookup = None
        if lookup is None or lookup.page is None:
            return self.application(environ, start_response)
        status, headers, body = lookup.page.answer(environ, hit=True)
        viewing.viewed(environ, lookup.page.counted, status)
        start_response(STATUS_LINES[status], headers)
        return [body]
