"""The `quotidien` console command: Django's management commands for this project."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quotidien.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
