"""Saying a thing once in a while: a throttle for what every request may meet at once (a
lost Redis, a failing page) and that the log or the operators' mail should hear once."""

import threading
import time
from collections.abc import Hashable


class Throttle:
    """Lets each key through at most once every `seconds` in this process."""

    def __init__(self, seconds: float, *, keys_kept: int = 1000):
        self.seconds = seconds
        self.keys_kept = keys_kept
        self._last: dict[Hashable, float] = {}
        self._lock = threading.Lock()

    def allows(self, key: Hashable) -> bool:
        now = time.monotonic()
        with self._lock:
            if now - self._last.get(key, -self.seconds) < self.seconds:
                return False
            if len(self._last) >= self.keys_kept:
                self._last.clear()
            self._last[key] = now
        return True

    def forget(self) -> None:
        """Let every key through again (tests start afresh)."""
        with self._lock:
            self._last.clear()
