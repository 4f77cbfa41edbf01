"""Changes to page versions announced to every machine, over Redis's publish/subscribe.

The processes of one machine learn of each other's changes from the shared-memory stamp
(stamp.py); a change made on another machine comes as a message on a Redis channel, to
which each process listens from a thread of its own. The count of messages heard is a
second stamp: the tokens a process read stay good while both stand still.

While the subscription is down, or not yet confirmed, there is no count (None): the
process then trusts no tokens it read and reads them for each page. Each confirmed
subscription starts a new count, so what was read before a gap, in which messages may
have gone unheard, is read again after it. A connection that dies without a word is
found by pinging it: after `SILENCE_SECONDS` without an answer it is made again.
"""

import itertools
import logging
import os
import threading
import time

from quotidien.cache_outage import warn

logger = logging.getLogger(__name__)

PING_SECONDS = 1.0
SILENCE_SECONDS = 3.0
RETRY_SECONDS = (0.1, 5.0)


class ChangeChannel:
    """One Redis channel of changes, as a stamp: `read()` it, `renew()` it for everyone."""

    def __init__(self, url: str, name: str):
        # Imported here: a server without Redis does not carry its client (some 9 MB).
        import redis

        self.url = url
        self.name = name
        self._publisher = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)
        self._heard: int | None = None
        self._ticks = itertools.count()
        # The process whose thread listens: a forked child has none until it reads.
        self._listening_pid: int | None = None
        self._lock = threading.Lock()
        self._closed = threading.Event()

    def read(self) -> int | None:
        """The count of messages heard, None while changes from elsewhere may go unheard."""
        if self._listening_pid != os.getpid():
            self._listen()
        return self._heard

    def renew(self) -> None:
        """Tell every process listening, on every machine, that versions changed."""
        self._publisher.publish(self.name, b"")

    def close(self) -> None:
        """Stop listening, within PING_SECONDS (a process that drops this channel)."""
        self._closed.set()
        self._heard = None

    def _listen(self) -> None:
        with self._lock:
            if self._listening_pid == os.getpid():
                return
            # What a parent process had heard is no news in its forked child.
            self._heard = None
            self._listening_pid = os.getpid()
            threading.Thread(target=self._subscribe, name="page-versions", daemon=True).start()

    def _subscribe(self) -> None:
        import redis

        retry = RETRY_SECONDS[0]
        while not self._closed.is_set():
            client = redis.Redis.from_url(self.url, socket_keepalive=True, socket_connect_timeout=1)
            pubsub = client.pubsub()
            try:
                pubsub.subscribe(self.name)
                answered = pinged = time.monotonic()
                while not self._closed.is_set():
                    message = pubsub.get_message(timeout=PING_SECONDS)
                    now = time.monotonic()
                    if message is not None:
                        answered = now
                        if message["type"] in ("subscribe", "message"):
                            self._heard = next(self._ticks)
                            retry = RETRY_SECONDS[0]
                    if now - answered > SILENCE_SECONDS:
                        raise redis.ConnectionError(f"{self.url} ne répond plus")
                    if now - pinged >= PING_SECONDS:
                        pubsub.ping()
                        pinged = now
            except (redis.RedisError, OSError):
                self._heard = None
                # Once a minute while it lasts, and without the retries' delays: the
                # message repeats as is.
                warn(
                    logger,
                    "Abonnement aux changements de versions de pages perdu ; nouvel essai "
                    "sous peu (d’ici là, les versions sont lues à chaque page)",
                )
            finally:
                self._heard = None
                try:
                    pubsub.close()
                    client.close()
                except (redis.RedisError, OSError):
                    pass
            self._closed.wait(retry)
            retry = min(retry * 2, RETRY_SECONDS[1])
