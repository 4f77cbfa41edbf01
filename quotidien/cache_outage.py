"""What the caches raise when their server does not answer, and a warning that says so
once a minute rather than at every request.

With REDIS_URL set, Redis holds the pages, their version tokens, the sessions' copies and
the rate limits' counts. While it does not answer, the site goes on from the database: the
page cache stays out of the way, sessions are read from their table, the limits count in
theirs (see README, "Page cache").
"""

import logging
import sys

from quotidien.throttle import Throttle

WARNING_INTERVAL_SECONDS = 60.0

_warnings = Throttle(WARNING_INTERVAL_SECONDS)


def store_errors() -> tuple[type[BaseException], ...]:
    """The exceptions of a cache whose server does not answer (Redis lost, a timeout, the
    database's table out of reach). Meant for an `except` clause, which evaluates it only
    when something was raised: a server without Redis never imports its client."""
    from django.db import DatabaseError

    errors: tuple[type[BaseException], ...] = (OSError, DatabaseError)
    try:
        from django_redis.exceptions import ConnectionInterrupted
        from redis.exceptions import RedisError
    except ImportError:  # pragma: no cover: django-redis is a dependency
        return errors
    return (*errors, RedisError, ConnectionInterrupted)


def warn(logger: logging.Logger, message: str) -> None:
    """Log `message` as a warning, with the exception being handled if any, at most once
    every WARNING_INTERVAL_SECONDS in this process: an outage met by every request is one
    line a minute, not thousands."""
    if not _warnings.allows(message):
        return
    error = sys.exception()
    logger.warning("%s (%s)", message, error) if error else logger.warning("%s", message)


class OnceAMinute(logging.Filter):
    """Lets a message through at most once every WARNING_INTERVAL_SECONDS in this process,
    as a warning line without its traceback (django-redis logs each error it ignored)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _warnings.allows((record.name, record.msg)):
            return False
        error = record.exc_info[1] if record.exc_info else None
        record.msg, record.args = "Redis ne répond pas ; le cache est passé (%s)", (error,)
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True
