from tests.replica.mirror import replica_database  # noqa: F401 (a fixture)
