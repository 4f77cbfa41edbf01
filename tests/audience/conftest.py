import time

import pytest

from quotidien.audience import counting


class StoppedClock:
    """The counting's clock, stopped: an hour never turns in the middle of a test, however
    slow the machine. A test moves it with `clock.now += seconds`."""

    def __init__(self):
        self.now = time.time()

    def time(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """Each test starts with no reader remembered, on a stopped clock."""
    counting.readers.forget()
    clock = StoppedClock()
    monkeypatch.setattr(counting, "time", clock)
    return clock
