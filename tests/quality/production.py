"""The demo newsroom on the production server, as readers get it, for the quality checks.

A throwaway SQLite database and media folder, the demo loaded, its background tasks run
by the worker, the static files collected (compressed, hashed names) and `quotidien serve`
(granian, DEBUG off) on a free port: the same commands an operator runs.
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.ports import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
QUOTIDIEN = Path(sys.executable).parent / "quotidien"
SETUP_COMMANDS = [
    ["migrate", "--noinput", "-v0"],
    ["load_demo"],
    # Whatever loading the demo left to the background (renditions, e-mails) is done
    # before the first reader comes, as a worker beside the server would have done.
    ["worker", "--batch"],
    ["collectstatic", "--noinput", "-v0"],
]
START_SECONDS = 60


@dataclass(frozen=True)
class ProductionSite:
    """Where the server answers, and the pages to check there (paths by name)."""

    url: str
    pages: dict[str, str]


def _run(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(
        command, env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600
    )
    if result.returncode:
        output = f"{result.stdout}\n{result.stderr}"
        pytest.fail(f"`{' '.join(command)}` failed ({result.returncode}):\n{output}", pytrace=False)
    return result.stdout


@contextmanager
def production_site(var: Path) -> Iterator[ProductionSite]:
    """Prepares the site in `var` (a new folder) and serves it until the block ends."""
    # Nothing is shared with another site of this machine: no Redis, the database queue.
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name not in {"REDIS_URL", "TASKS_BACKEND", "PAGE_CACHE"}
    }
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "quotidien.settings",
        "QUOTIDIEN_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'site.sqlite3'}",
        "MEDIA_ROOT": str(var / "media"),
        "DEBUG": "0",
        "SECRET_KEY": "controle-qualite-du-site",
        "ALLOWED_HOSTS": "127.0.0.1",
        # One worker: anonymous pages are cached in each process, so warming them once
        # warms them for every later reader.
        "WEB_CONCURRENCY": "1",
    }
    for command in SETUP_COMMANDS:
        _run([str(QUOTIDIEN), *command], env)
    pages = json.loads(_run([sys.executable, "-m", "tests.quality.pages"], env))
    port = free_port()
    log = (var / "server.log").open("w")
    server = subprocess.Popen(
        [str(QUOTIDIEN), "serve", f"--port={port}", "--log-level=warning"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    site = ProductionSite(url=f"http://127.0.0.1:{port}", pages=pages)
    try:
        _wait_until_up(site, server, var / "server.log")
        yield site
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def _wait_until_up(site: ProductionSite, server: subprocess.Popen, log: Path) -> None:
    """Waits for the server, then asks for each page once, as a reader before the checks
    would: what the checks measure is the page cache's answer, as most readers get it."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            requests.get(site.url + "/", timeout=10)
            break
        except requests.RequestException:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"`quotidien serve` did not start:\n{log.read_text()}", pytrace=False)
            time.sleep(0.2)
    for name, path in site.pages.items():
        response = requests.get(site.url + path, timeout=30)
        if response.status_code != 200:
            pytest.fail(
                f"{name} ({path}) answers {response.status_code}:\n{log.read_text()[-3000:]}",
                pytrace=False,
            )
