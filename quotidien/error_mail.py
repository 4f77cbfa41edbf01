"""The operators told of server errors by e-mail (ADMINS): a page that failed (a 500), a
background task that failed.

Django's AdminEmailHandler, with two changes a newspaper's traffic asks for: the e-mail
leaves from a thread of its own, so that a slow mail server never holds the reader's
request, and the same error is told once every MAIL_INTERVAL_SECONDS in a process, so
that a fault met by every request is one e-mail, not thousands.
"""

import threading

from django.utils.log import AdminEmailHandler

from quotidien.throttle import Throttle

MAIL_INTERVAL_SECONDS = 600.0


class ThrottledAdminEmailHandler(AdminEmailHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.throttle = Throttle(MAIL_INTERVAL_SECONDS)

    def emit(self, record):
        if self.throttle.allows((record.name, record.msg, *_where(record))):
            super().emit(record)

    def send_mail(self, subject, message, *args, **kwargs):
        # The message is written here, from the record; only the sending waits elsewhere,
        # in a thread that a command ending (a worker, a cron job) waits for.
        send = super().send_mail
        threading.Thread(target=send, args=(subject, message, *args), kwargs=kwargs).start()


def _where(record) -> tuple[str, str, int]:
    """The error's class and the place it was raised (the innermost frame): two different
    faults of one kind, in the checkout and in the comments, are told apart."""
    if not record.exc_info or record.exc_info[0] is None:
        return ("", "", 0)
    traceback = record.exc_info[2]
    while traceback is not None and traceback.tb_next is not None:
        traceback = traceback.tb_next
    if traceback is None:
        return (record.exc_info[0].__name__, "", 0)
    code = traceback.tb_frame.f_code
    return (record.exc_info[0].__name__, code.co_filename, traceback.tb_lineno)
