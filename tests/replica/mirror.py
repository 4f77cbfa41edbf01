"""A "replica" database for the tests that need one: a second connection to the test
database, as Django's TEST MIRROR makes it, added for a module and removed after it so
that the rest of the suite runs without a replica."""

import copy

import pytest
from django.conf import settings
from django.db import connections

from quotidien.replica import REPLICA


@pytest.fixture(scope="module")
def replica_database(django_db_setup, django_db_blocker):
    mirror = copy.deepcopy(connections["default"].settings_dict)
    mirror["TEST"] = {**mirror.get("TEST", {}), "MIRROR": "default"}
    if mirror["ENGINE"] == "django.db.backends.sqlite3":
        # Tests hold their data in a transaction that is rolled back; SQLite's shared
        # in-memory database lets a second connection read it rather than wait for it.
        # Its test case's transaction takes no lock either (not IMMEDIATE).
        options = mirror.setdefault("OPTIONS", {})
        options.pop("transaction_mode", None)
        options["init_command"] = options.get("init_command", "") + "PRAGMA read_uncommitted=1;"
    connections.settings[REPLICA] = mirror
    settings.DATABASES[REPLICA] = mirror
    try:
        yield connections[REPLICA]
    finally:
        with django_db_blocker.unblock():
            connections[REPLICA].close()
        del connections[REPLICA]
        connections.settings.pop(REPLICA, None)
        settings.DATABASES.pop(REPLICA, None)
