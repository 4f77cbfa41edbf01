"""Fixtures of the hostile-input tests: the comments tests' article open for comments and
their logged-in reader."""

from tests.comments.conftest import article, reader  # noqa: F401  (fixtures)
