"""`quotidien serve`: the production web server (gunicorn), sized from the machine.

Static files are served by WhiteNoise from `collectstatic`'s output, compressed and with
far-future cache headers for their hashed names; run `quotidien collectstatic` first.
"""

import os
import sys


def worker_count() -> int:
    """WEB_CONCURRENCY when set, else two workers per CPU plus one (gunicorn's advice)."""
    if value := os.environ.get("WEB_CONCURRENCY"):
        return max(1, int(value))
    return 2 * (os.cpu_count() or 1) + 1


def gunicorn_argv(extra: list[str]) -> list[str]:
    """gunicorn's command line; options in `extra` (e.g. --bind) win over these defaults."""
    bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
    return [
        "gunicorn",
        "quotidien.wsgi:application",
        f"--bind={bind}",
        f"--workers={worker_count()}",
        # Load the project once and fork: workers share its memory until they write to it.
        "--preload",
        # Recycle workers now and then so that no slow leak can grow without limit.
        "--max-requests=20000",
        "--max-requests-jitter=2000",
        "--timeout=30",
        "--graceful-timeout=10",
        *extra,
    ]


def serve(extra: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quotidien.settings")
    from gunicorn.app.wsgiapp import run

    sys.argv = gunicorn_argv(extra)
    run()
