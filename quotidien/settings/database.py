"""The database: SQLite by default, PostgreSQL through DATABASE_URL, and a read replica
for anonymous readers through DATABASE_REPLICA_URL.
"""

import os

from .core import VAR_DIR
from .env import env_database, env_int

DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        f"sqlite:///{VAR_DIR / 'quotidien.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while the newsroom writes; the timeout rides out short locks.
    # Connections are kept like PostgreSQL's: opening one (and its PRAGMAs) cost each request.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# A read replica (a PostgreSQL standby) for what anonymous readers read: pages, feeds,
# sitemaps, search, the API. Writes, the back office, logged-in readers and whoever wrote
# in the last DATABASE_REPLICA_PIN_SECONDS read the primary (see quotidien/replica.py).
if DATABASE_REPLICA_URL := os.environ.get("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = {
        **env_database(
            "DATABASE_REPLICA_URL",
            conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        ),
        # Tests read the test database through it.
        "TEST": {"MIRROR": "default"},
    }
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        # A replica that went away costs a reader a second, not a hung request (nor the
        # load balancer's health probe, which asks it too).
        DATABASES["replica"]["OPTIONS"] = {"connect_timeout": 1}
DATABASE_ROUTERS = ["quotidien.replica.ReplicaRouter"]
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 15)
# How long the worker waits for the replica to have a change before the pages it outdated
# are outdated once more (a standby on the same network replays within milliseconds): no
# shorter than the lag at which readers are sent to the primary.
DATABASE_REPLICA_WAIT_SECONDS = env_int("DATABASE_REPLICA_WAIT_SECONDS", 30)
# A replica further behind than this, or that does not answer, is left aside until it is
# back; each web process asks it again this often.
DATABASE_REPLICA_MAX_LAG_SECONDS = env_int("DATABASE_REPLICA_MAX_LAG_SECONDS", 30)
DATABASE_REPLICA_CHECK_SECONDS = env_int("DATABASE_REPLICA_CHECK_SECONDS", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
