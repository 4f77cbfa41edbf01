"""Renditions in tests: none are made unless a test asks (see tests/conftest.py)."""

from contextlib import contextmanager
from unittest import mock

from quotidien.news import renditions

MAKE_MISSING = renditions.make_missing


@contextmanager
def making_renditions():
    """Photos get their renditions made, as the worker makes them (also for fixtures wider
    than one test, such as a demo newsroom whose pictures are looked at)."""
    with mock.patch.object(renditions, "make_missing", MAKE_MISSING):
        yield


@contextmanager
def no_renditions():
    """Photos get no renditions: pages show what exists and ask for the rest, as they do
    before the worker has run."""
    with mock.patch.object(renditions, "make_missing", return_value=0):
        yield
