"""Operators configure the site through environment variables with safe defaults."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SHOW = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'debug': s.DEBUG, 'tz': s.TIME_ZONE, "
    "'hosts': s.ALLOWED_HOSTS, 'cache': s.CACHES['default']['BACKEND'], "
    "'key': len(s.SECRET_KEY)}))"
)


def settings_with(tmp_path, **env) -> subprocess.CompletedProcess:
    # Not what the test run set for itself: its databases, nor the browser tests' leave to
    # call the ORM from Playwright's event loop, which check --deploy rightly reports.
    left_out = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in left_out}
    clean.update(DJANGO_SETTINGS_MODULE="quotidien.settings", QUOTIDIEN_VAR_DIR=str(tmp_path))
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW}"],
        env=clean,
        capture_output=True,
        text=True,
    )


@pytest.mark.no_database
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


@pytest.mark.no_database
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


@pytest.mark.no_database
@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({"DEBUG": "peut-être"}, "DEBUG='peut-être' : 1/true/yes/on ou 0/false/no/off"),
        ({"COMMENTS_OPEN_DAYS": "abc"}, "COMMENTS_OPEN_DAYS='abc' : un nombre entier"),
        (
            {"TRUSTED_PROXIES": "10.0.0.0/8, proxy.example"},
            "TRUSTED_PROXIES : 'proxy.example' n’est ni une adresse ni une plage CIDR",
        ),
        ({"DATABASE_URL": "postgress://x/y"}, "DATABASE_URL : adresse de base illisible"),
        ({"TIME_ZONE": "Mars/Olympus"}, "TIME_ZONE='Mars/Olympus' : fuseau horaire inconnu"),
        (
            {"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"},
            "EMAIL_USE_TLS et EMAIL_USE_SSL sont tous deux activés",
        ),
    ],
    ids=["flag", "number", "networks", "database", "time-zone", "mail"],
)
def test_a_mistyped_setting_stops_the_command_with_a_french_hint(tmp_path, env, said):
    left_out = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in left_out}
    clean.update(QUOTIDIEN_VAR_DIR=str(tmp_path), **env)

    result = subprocess.run(
        [Path(sys.executable).parent / "quotidien", "check"],
        env=clean,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 2
    assert result.stderr.startswith("Réglage incorrect : ")
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def production_env(tmp_path, **env) -> dict[str, str]:
    # Not what the test run set for itself: its databases, nor the browser tests' leave to
    # call the ORM from Playwright's event loop, which check --deploy rightly reports.
    left_out = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in left_out}
    clean.update(
        DJANGO_SETTINGS_MODULE="quotidien.settings",
        QUOTIDIEN_VAR_DIR=str(tmp_path),
        HTTPS="1",
        DEBUG="0",
        SECRET_KEY="une-clé-secrète-de-production-longue-et-imprévisible-" + "x7Qz" * 12,
        ALLOWED_HOSTS="journal.example",
    )
    clean.update(env)
    return clean


@pytest.mark.no_database
def test_deployment_check_is_clean_behind_https(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr + result.stdout
    assert "no issues" in result.stdout


HTTPS_SHOW = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'hsts': s.SECURE_HSTS_SECONDS, 'subdomains': "
    "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, 'preload': s.SECURE_HSTS_PRELOAD, "
    "'redirect': s.SECURE_SSL_REDIRECT, 'session': s.SESSION_COOKIE_SECURE, "
    "'csrf': s.CSRF_COOKIE_SECURE, 'frames': s.X_FRAME_OPTIONS}))"
)


def https_settings(tmp_path, **env) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {HTTPS_SHOW}"],
        env=production_env(tmp_path, **env),
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


@pytest.mark.no_database
def test_https_turns_on_hsts_for_subdomains_the_redirect_and_secure_cookies(tmp_path):
    shown = https_settings(tmp_path)

    assert shown["hsts"] >= 60 * 60 * 24 * 365
    assert shown["subdomains"] is True
    assert shown["preload"] is False
    assert shown["redirect"] is True
    assert shown["session"] is shown["csrf"] is True
    assert shown["frames"] == "DENY"
    assert https_settings(tmp_path, HSTS_PRELOAD="1")["preload"] is True
    plain = https_settings(tmp_path, HTTPS="0")
    assert (plain["hsts"], plain["redirect"], plain["session"]) == (0, False, False)


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


def test_reader_pages_allow_no_inline_script_or_style_and_no_framing(
    client, make_section, make_article
):
    article = make_article(make_section("Liban"))

    for url in (article.url, "/recherche/?q=Liban", "/compte/connexion/"):
        response = client.get(url)
        policy = directives(response)

        assert response.status_code == 200, url
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"], url
        assert policy["script-src"] == "script-src 'self'"
        assert policy["style-src"] == "style-src 'self'"
        assert policy["object-src"] == "object-src 'none'"
        assert policy["frame-ancestors"] == "frame-ancestors 'none'"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_back_office_has_its_own_policy_and_previews_in_a_frame_of_its_own(
    client, admin_user, make_section, make_article
):
    article = make_article(make_section("Liban"))
    client.force_login(admin_user)

    editor = client.get(f"/admin/pages/{article.pk}/edit/")
    # What the editor's preview panel shows: the page, rendered as at its public address.
    preview = article.make_preview_request()

    assert editor.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in directives(editor)["script-src"]
    assert directives(editor)["frame-src"] == "frame-src 'self'"
    assert directives(editor)["frame-ancestors"] == "frame-ancestors 'self'"
    assert editor.headers["X-Frame-Options"] == "DENY"
    assert preview.status_code == 200
    assert directives(preview)["frame-ancestors"] == "frame-ancestors 'self'"
    assert directives(preview)["script-src"] == "script-src 'self'"


def test_api_docs_run_from_local_scripts(client, db):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert directives(response)["script-src"] == "script-src 'self'"
    assert "data:" in directives(response)["img-src"]


SITE_TEMPLATES = [
    path
    for path in (Path(__file__).resolve().parent.parent / "quotidien").glob(
        "**/templates/**/*.html"
    )
    # E-mails are read by mail clients, which want their styles inline and run no script.
    if "emails" not in path.parts
]
INLINE = re.compile(
    r"<style|\sstyle=|\son[a-z]+=|javascript:|<script(?![^>]*\b(src=|type=\"application/(ld\+)?json\"))"
)


def test_templates_keep_scripts_and_styles_in_static_files():
    found = [
        f"{path.name}: {match.group(0).strip()}"
        for path in SITE_TEMPLATES
        for match in INLINE.finditer(path.read_text())
    ]

    assert SITE_TEMPLATES
    assert found == []


@pytest.mark.parametrize(
    ("ask", "status"),
    [
        # Refused before it is read: a body larger than the site takes.
        (lambda client: client.post("/droit-de-reponse/", {}, CONTENT_LENGTH=str(1024**3)), 413),
        # A site this server does not serve.
        (lambda client: client.get("/", HTTP_HOST="autre-site.example"), 400),
    ],
    ids=["too-large", "unknown-host"],
)
def test_refusals_answered_early_carry_the_security_headers_too(client, home, ask, status):
    response = ask(client)

    assert response.status_code == status
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert directives(response)["frame-ancestors"] == "frame-ancestors 'none'"
