"""`quotidien serve`: the production server answers pages and far-future, compressed statics."""

import json
import os
import re
import signal
import subprocess
import sys

import pytest
import requests

from quotidien.server import server_command, worker_count
from tests.own_sites import QUOTIDIEN, database_url
from tests.ports import free_port, wait_until_answering


@pytest.fixture(scope="module")
def production_site(own_site):
    """A migrated scratch site with its static files collected, served on a free port."""
    var = own_site("serve")
    env = {
        **os.environ,
        "QUOTIDIEN_VAR_DIR": str(var),
        "DATABASE_URL": database_url(var),
        "DEBUG": "0",
        "SECRET_KEY": "essai-du-serveur-de-production",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
    }
    port = free_port()
    server = subprocess.Popen(
        [QUOTIDIEN, "serve", f"--port={port}", "--log-level=warning"],
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_answering(base, server, seconds=30)
    yield base
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)


@pytest.mark.own_database
def test_pages_and_compressed_far_future_static_files(production_site):
    page = requests.get(production_site + "/admin/login/", timeout=30)
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page.text)[1]
    static = requests.get(
        production_site + stylesheet, headers={"Accept-Encoding": "gzip, br"}, timeout=30
    )

    assert page.status_code == 200 and page.headers["server"] == "granian"
    assert static.status_code == 200
    assert "immutable" in static.headers["Cache-Control"]
    assert "max-age=315360000" in static.headers["Cache-Control"]
    assert static.headers["Content-Encoding"] in ("gzip", "br")


def test_workers_follow_the_cpus_unless_told(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert worker_count() == os.cpu_count()
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert "--workers=3" in server_command()
    assert server_command(["--port=9000"])[-2] == "--port=9000"


def test_workers_run_without_docstrings_unless_the_operator_says_otherwise(monkeypatch):
    monkeypatch.delenv("PYTHONOPTIMIZE", raising=False)
    assert server_command()[1:4] == ["-OO", "-m", "granian"]
    monkeypatch.setenv("PYTHONOPTIMIZE", "0")
    assert server_command()[1:3] == ["-m", "granian"]


@pytest.mark.no_database
def test_the_api_documentation_is_the_same_without_docstrings():
    """Workers run with `python -OO`: no description may come from a docstring."""
    from quotidien.api.api import api

    code = (
        "import json, django; django.setup(); from quotidien.api.api import api; "
        "print(json.dumps(api.get_openapi_schema(path_prefix='/api/v1/')))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "quotidien.settings"}
    printed = subprocess.run(
        [sys.executable, "-OO", "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout

    assert json.loads(printed) == json.loads(
        json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"))
    )


@pytest.mark.no_database
def test_a_web_worker_serving_pages_does_not_load_the_card_payment_library():
    """Stripe's library weighs about 20 MB in each worker: only card actions import it."""
    code = (
        "import sys, django; django.setup(); import quotidien.wsgi; "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "print('stripe' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "quotidien.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stdout + result.stderr


@pytest.mark.no_database
def test_the_entry_point_leaves_what_it_loaded_out_of_garbage_collections(tmp_path):
    """A full collection walks only what requests made, after each middle one (wsgi.py)."""
    probe = (
        "import gc, quotidien.wsgi; "
        "print(gc.get_freeze_count(), gc.get_threshold()[2], len(gc.get_objects(2)))"
    )
    env = {**os.environ, "QUOTIDIEN_VAR_DIR": str(tmp_path), "DEBUG": "0"}

    printed = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.split()

    frozen, oldest_threshold, oldest = map(int, printed)
    assert frozen > 100_000  # Django, Wagtail and the project's modules
    assert oldest_threshold == 1
    assert oldest < 1_000


@pytest.mark.no_database
def test_the_server_says_what_to_run_first_instead_of_serving_errors(tmp_path):
    env = {
        **os.environ,
        "QUOTIDIEN_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}",
        "DEBUG": "0",
        "SECRET_KEY": "essai-du-serveur-de-production",
    }
    started = subprocess.run(
        [QUOTIDIEN, "serve", f"--port={free_port()}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert started.returncode == 1
    assert "lancez « quotidien collectstatic --noinput »" in started.stderr
    assert "lancez « quotidien migrate »" in started.stderr
