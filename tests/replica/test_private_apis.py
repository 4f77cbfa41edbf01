"""What the replica's router relies on in Django beyond its docs.

Reads inside a transaction stay on the primary, with the writes they go with; the
transactions Django's test cases wrap each test in are told apart by an attribute of
Django's `Atomic` blocks. Should an upgrade change it, this test says so, rather than
every anonymous read of the tests quietly going to the primary (or, worse, reads in real
transactions going to the replica).
"""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from quotidien.replica import _in_transaction

pytestmark = pytest.mark.django_db


def test_the_tests_own_transaction_is_told_apart_from_the_codes():
    connection = connections[DEFAULT_DB_ALIAS]
    blocks = connection.atomic_blocks
    assert blocks and all(hasattr(block, "_from_testcase") for block in blocks), (
        "Django's Atomic blocks no longer carry _from_testcase: quotidien/replica.py's "
        "_in_transaction must find another way to tell the tests' transaction apart."
    )
    assert not _in_transaction(connection)

    with transaction.atomic():
        assert _in_transaction(connection)
