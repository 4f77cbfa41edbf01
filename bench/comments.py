"""Comments posted by concurrent readers against the production server.

Starts `quotidien serve` (granian) on a database of its own, has N readers post comments
at once through the site's form (CSRF included), then checks that every accepted comment
is stored exactly once. Reports comments per second, with the same readers loading the
article page in the same run as the reference.

    make bench-comments ARGS="--clients 16 --per-client 25 [--database-url postgres://…]"
"""

import argparse
import os
import re
import subprocess
import tempfile
import threading
import time
from collections import Counter
from importlib import import_module
from pathlib import Path

import requests
from common import ROOT, percentile, setup_django

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def prepare(clients: int):
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.core.management import call_command

    from quotidien.comments.models import Comment
    from quotidien.news.models import ArticlePage, SectionPage
    from quotidien.news.newsroom import ensure_newsroom

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    home = ensure_newsroom(site_name="Quotidien")
    Comment.objects.filter(body__startswith="Essai de charge").delete()
    section = SectionPage.objects.filter(slug="banc").first()
    if section is None:
        section = home.add_child(instance=SectionPage(title="Banc d’essai", slug="banc"))
        section.save_revision().publish()
    article = ArticlePage.objects.filter(slug="article-de-charge").first()
    if article is None:
        article = ArticlePage(
            title="Article de charge",
            slug="article-de-charge",
            standfirst="Un article pour mesurer les commentaires.",
            body=[("paragraph", "<p>Texte.</p>")],
        )
        section.add_child(instance=article)
        article.save_revision().publish()
    User = get_user_model()
    store = import_module(settings.SESSION_ENGINE).SessionStore
    cookies = []
    for number in range(clients):
        email = f"charge{number}@example.org"
        user = User.objects.filter(username=email).first() or User.objects.create_user(
            username=email, email=email, password=None, display_name=f"Charge {number}"
        )
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "quotidien.accounts.backends.EmailOrUsernameBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        cookies.append({settings.SESSION_COOKIE_NAME: session.session_key})
    return article.url, cookies


def start_server(port: int, env: dict) -> subprocess.Popen:
    from quotidien.server import server_command

    argv = server_command(["--host=127.0.0.1", f"--port={port}", "--log-level=warning"])
    server = subprocess.Popen(argv, cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except requests.ConnectionError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("Le serveur de production n’a pas démarré en 30 secondes.")


def run_clients(clients, work) -> tuple[float, list]:
    results: list = []
    lock = threading.Lock()

    def worker(number):
        outcome = work(number)
        with lock:
            results.extend(outcome)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--per-client", type=int, default=25)
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="quotidien-bench-comments-"))
    database_url = args.database_url or f"sqlite:///{var / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "QUOTIDIEN_VAR_DIR": str(var),
        "SECRET_KEY": "banc-d-essai-commentaires",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    os.environ.update(env)
    setup_django(database_url)
    path, cookies = prepare(args.clients)
    server = start_server(args.port, env)
    base = f"http://127.0.0.1:{args.port}"
    try:

        def read(number):
            session = requests.Session()
            session.cookies.update(cookies[number])
            out = []
            for _ in range(args.per_client):
                begin = time.perf_counter()
                status = session.get(base + path).status_code
                out.append((status, time.perf_counter() - begin, None))
            return out

        def post(number):
            session = requests.Session()
            session.cookies.update(cookies[number])
            token = CSRF.search(session.get(base + path + "commentaires/").text).group(1)
            out = []
            for n in range(args.per_client):
                body = f"Essai de charge {number}-{n} : un avis posé, sans rien de méchant."
                begin = time.perf_counter()
                response = session.post(
                    base + path + "commentaires/",
                    data={"body": body, "csrfmiddlewaretoken": token},
                    headers={"Referer": base + path},
                    allow_redirects=False,
                )
                out.append((response.status_code, time.perf_counter() - begin, body))
            return out

        read_time, reads = run_clients(args.clients, read)
        post_time, posts = run_clients(args.clients, post)
    finally:
        server.terminate()
        server.wait(timeout=30)

    from quotidien.comments.models import Comment

    accepted = [body for status, _latency, body in posts if status == 302]
    stored = Counter(
        Comment.objects.filter(body__startswith="Essai de charge").values_list("body", flat=True)
    )
    errors = Counter(status for status, *_ in posts + reads if status not in (200, 302))
    lost = [body for body in accepted if stored[body] == 0]
    doubled = [body for body, times in stored.items() if times > 1]
    read_rate = len(reads) / read_time
    post_rate = len(posts) / post_time
    vendor = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(f"Commentaires concurrents ({args.clients} lecteurs, {vendor}, granian)")
    print(f"{'mesure':<34}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}")
    for name, rate, samples in [
        ("page de l’article (référence)", read_rate, reads),
        ("publication d’un commentaire", post_rate, posts),
    ]:
        latencies = [latency * 1000 for _status, latency, _body in samples]
        print(
            f"{name:<34}{rate:>9.1f}{percentile(latencies, 0.5):>9.1f}"
            f"{percentile(latencies, 0.99):>9.1f}{rate / read_rate:>8.2f}"
        )
    print(
        f"acceptés : {len(accepted)}/{len(posts)} ; enregistrés : {sum(stored.values())} ; "
        f"perdus : {len(lost)} ; en double : {len(doubled)} ; erreurs HTTP : {dict(errors)}"
    )
    if lost or doubled or errors or len(accepted) != len(posts):
        raise SystemExit("ÉCHEC : des commentaires ont été perdus, doublés ou refusés.")


if __name__ == "__main__":
    main()
