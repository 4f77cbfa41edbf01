"""`quotidien help` lists the console's own commands beside Django's, and each of them
explains itself in French."""

import subprocess
import sys
from pathlib import Path

import pytest

QUOTIDIEN = Path(sys.executable).parent / "quotidien"


@pytest.mark.no_database
def test_the_console_lists_and_explains_its_own_commands_in_french():
    listed = subprocess.run([QUOTIDIEN, "help"], capture_output=True, text=True, check=True)
    serve = subprocess.run([QUOTIDIEN, "help", "serve"], capture_output=True, text=True)
    worker = subprocess.run([QUOTIDIEN, "help", "worker"], capture_output=True, text=True)

    assert "migrate" in listed.stdout
    assert "serve      (quotidien serve --help)" in listed.stdout
    assert "worker     (quotidien worker --help)" in listed.stdout
    assert serve.returncode == 0 and "utilisation : quotidien serve" in serve.stdout
    assert "PORT" in serve.stdout and "granian" in serve.stdout
    assert worker.returncode == 0 and "utilisation : quotidien worker" in worker.stdout
