"""The `quotidien` console command: Django's management commands, and `serve` (production)."""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["serve"]:
        from .server import serve

        return serve(sys.argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quotidien.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
