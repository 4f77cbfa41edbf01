"""The operators told of server errors by e-mail (ADMINS): a page that failed (a 500), a
background task that failed.

Django's AdminEmailHandler, with two changes a newspaper's traffic asks for: the e-mail
leaves from a thread of its own, so that a slow mail server never holds the reader's
request, and the same error is told once every MAIL_INTERVAL_SECONDS in a process, so
that a fault met by every request is one e-mail, not thousands.
"""

import threading
import time

from django.utils.log import AdminEmailHandler

MAIL_INTERVAL_SECONDS = 600.0


class ThrottledAdminEmailHandler(AdminEmailHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._told: dict[tuple, float] = {}
        self._lock = threading.Lock()

    def emit(self, record):
        error = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        key = (record.name, record.msg, error)
        now = time.monotonic()
        with self._lock:
            if now - self._told.get(key, -MAIL_INTERVAL_SECONDS) < MAIL_INTERVAL_SECONDS:
                return
            if len(self._told) > 1000:
                self._told.clear()
            self._told[key] = now
        super().emit(record)

    def forget(self) -> None:
        """Tell every error again from now on (tests start afresh)."""
        with self._lock:
            self._told.clear()

    def send_mail(self, subject, message, *args, **kwargs):
        # The message is written here, from the record; only the sending waits elsewhere.
        send = super().send_mail
        threading.Thread(
            target=send, args=(subject, message, *args), kwargs=kwargs, daemon=True
        ).start()
