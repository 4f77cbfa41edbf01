import pytest

from quotidien import replica
from tests.replica.mirror import replica_database  # noqa: F401 (a fixture)
from tests.test_worker import database_queue  # noqa: F401 (the queue of production)


@pytest.fixture(autouse=True)
def _replica_not_yet_checked():
    """Each test's processes have not asked the replica how it is yet."""
    replica._health.checked_at, replica._health.usable = float("-inf"), True
