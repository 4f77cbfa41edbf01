"""`quotidien serve`: the production web server (granian), sized from the machine.

Granian keeps readers' connections open and parses HTTP in Rust, so a page from the
page cache costs little more than the Python that finds it. Static files are served by
WhiteNoise from `collectstatic`'s output, compressed and with far-future cache headers
for their hashed names; run `quotidien collectstatic` first (the server says so and stops
when it was not, or when the database has migrations to apply).
"""

import os
import sys
from collections.abc import Sequence
from pathlib import Path

# Recycle a worker whose memory grows past this, so that no slow leak can grow unbounded.
WORKER_MAX_RSS_MB = 400


def optimize_flags() -> list[str]:
    """`-OO` unless PYTHONOPTIMIZE says otherwise (0 turns it off): workers run without
    docstrings and assert statements, some 5 MB less each out of 2,000 modules' code.
    Nothing served reads a docstring: the API's documentation gives its descriptions
    explicitly (a test compares it with and without)."""
    return [] if "PYTHONOPTIMIZE" in os.environ else ["-OO"]


def worker_count() -> int:
    """WEB_CONCURRENCY when set, else one worker per CPU (granian's advice)."""
    if value := os.environ.get("WEB_CONCURRENCY"):
        return max(1, int(value))
    return os.cpu_count() or 1


def server_command(extra: Sequence[str] = ()) -> list[str]:
    """The server's command line; options in `extra` (e.g. --port) win over these defaults."""
    return [
        sys.executable,
        *optimize_flags(),
        "-m",
        "granian",
        "--interface=wsgi",
        f"--host={os.environ.get('HOST', '127.0.0.1')}",
        f"--port={os.environ.get('PORT', '8000')}",
        f"--workers={worker_count()}",
        # One application thread per worker: a second one answered no faster here and
        # took the peak memory per worker past 150 MB.
        "--blocking-threads=1",
        f"--workers-max-rss={WORKER_MAX_RSS_MB}",
        "--respawn-failed-workers",
        "--no-ws",
        *extra,
        "quotidien.wsgi:application",
    ]


def unready() -> list[str]:
    """What would make every page fail, in French, for whoever starts the server: static
    files not collected (DEBUG off, the pages name them by their hashed names), a database
    not migrated. A database that does not answer is no reason not to start: /sante/
    tells the load balancer, and the site answers as soon as it is back."""
    import django
    from django.conf import settings
    from django.db import DatabaseError

    from .commands import pending_migrations

    django.setup()
    problems = []
    if not settings.DEBUG and not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        problems.append(
            f"Les fichiers statiques ne sont pas rassemblés dans {settings.STATIC_ROOT} : "
            "lancez « quotidien collectstatic --noinput »."
        )
    try:
        count = pending_migrations()
    except DatabaseError:
        count = 0
    if count:
        problems.append(
            f"La base de données n’est pas à jour ({count} migration(s) à appliquer) : "
            "lancez « quotidien migrate »."
        )
    return problems


def serve(extra: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quotidien.settings")
    if problems := unready():
        sys.exit("\n".join(problems + ["(make run le fait pour vous.)"]))
    command = server_command(extra)
    os.execv(command[0], command)
