import pytest

from tests.frontcache.recording import recorder
from tests.test_worker import database_queue  # noqa: F401 (the queue of production)


@pytest.fixture
def purges(settings):
    """What the proxy in front is asked to purge (the test backend's record)."""
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "tests.frontcache.recording.RecordingBackend"}
    }
    recorder.__init__()
    return recorder
