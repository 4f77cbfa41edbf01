"""Operators configure the site through environment variables with safe defaults."""

import json
import os
import subprocess
import sys

SHOW = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'debug': s.DEBUG, 'tz': s.TIME_ZONE, "
    "'hosts': s.ALLOWED_HOSTS, 'cache': s.CACHES['default']['BACKEND'], "
    "'key': len(s.SECRET_KEY)}))"
)


def settings_with(tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    clean.update(DJANGO_SETTINGS_MODULE="quotidien.settings", QUOTIDIEN_VAR_DIR=str(tmp_path))
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW}"],
        env=clean,
        capture_output=True,
        text=True,
    )


def test_defaults_are_sqlite_no_debug_beirut_and_a_kept_secret_key(tmp_path):
    result = settings_with(tmp_path)
    shown = json.loads(result.stdout)

    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["name"].startswith(str(tmp_path))
    assert shown["debug"] is False
    assert shown["tz"] == "Asia/Beirut"
    assert shown["cache"].endswith("LocMemCache")
    assert shown["key"] >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert json.loads(settings_with(tmp_path).stdout)["key"] == shown["key"]


def test_environment_chooses_postgresql_redis_and_hosts(tmp_path):
    result = settings_with(
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/quotidien",
        REDIS_URL="redis://127.0.0.1:6379/1",
        ALLOWED_HOSTS="journal.example, www.journal.example",
        TIME_ZONE="Europe/Paris",
        DEBUG="true",
    )
    shown = json.loads(result.stdout)

    assert shown["engine"] == "django.db.backends.postgresql"
    assert shown["cache"] == "django_redis.cache.RedisCache"
    assert shown["hosts"] == ["journal.example", "www.journal.example"]
    assert shown["tz"] == "Europe/Paris"
    assert shown["debug"] is True


def test_a_mistyped_flag_is_refused_with_a_hint(tmp_path):
    result = settings_with(tmp_path, DEBUG="peut-être")

    assert result.returncode != 0
    assert "DEBUG='peut-être'" in result.stderr
    assert "1/true/yes/on" in result.stderr
