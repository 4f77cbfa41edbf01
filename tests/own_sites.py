"""Sites of their own for the tests that start the production server: each gets a folder
(`QUOTIDIEN_VAR_DIR`) holding a copy of one SQLite database migrated for the whole run
(site.sqlite3) and the static files collected once, instead of migrating for itself."""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

QUOTIDIEN = Path(sys.executable).parent / "quotidien"
DATABASE = "site.sqlite3"


def database_url(var: Path) -> str:
    return f"sqlite:///{var / DATABASE}"


@pytest.fixture(scope="session")
def _migrated_site(tmp_path_factory) -> Path:
    var = tmp_path_factory.mktemp("migrated-site")
    env = {
        **{name: value for name, value in os.environ.items() if name != "REDIS_URL"},
        "QUOTIDIEN_VAR_DIR": str(var),
        "DATABASE_URL": database_url(var),
        "DEBUG": "0",
        "SECRET_KEY": "site-migre-des-essais",
    }
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [QUOTIDIEN, *command, "-v0"], env=env, check=True, capture_output=True, timeout=300
        )
    return var


@pytest.fixture(scope="session")
def own_site(_migrated_site, tmp_path_factory) -> Callable[[str], Path]:
    """A new folder named after `name` for a site of its own, its database migrated and its
    static files collected."""

    def make(name: str) -> Path:
        var = tmp_path_factory.mktemp(name)
        for path in _migrated_site.glob(f"{DATABASE}*"):  # with its journal, if any
            shutil.copy2(path, var / path.name)
        (var / "static").symlink_to(_migrated_site / "static")
        return var

    return make
