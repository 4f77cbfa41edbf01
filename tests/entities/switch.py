"""Entity extraction in tests: off unless a test asks (see tests/conftest.py).

Publishing an article asks the worker for its entities, and the test settings run tasks as
they are enqueued: every publication of the suite would run spaCy's French model.
"""

from contextlib import contextmanager
from unittest import mock

from django.test import override_settings

from quotidien.entities import signal_handlers

ENQUEUE = signal_handlers.enqueue_extraction


@contextmanager
def extracting():
    """Published articles get their entities, as the worker finds them (here, as tasks
    run as they are enqueued, in the test's process)."""
    with (
        mock.patch.object(signal_handlers, "enqueue_extraction", ENQUEUE),
        override_settings(QUOTIDIEN_ENTITIES_IMMEDIATE=True),
    ):
        yield


@contextmanager
def not_extracting():
    """Publishing asks for no entities."""
    with mock.patch.object(signal_handlers, "enqueue_extraction", lambda article_id: None):
        yield
