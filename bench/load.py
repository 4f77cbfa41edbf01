"""Load on the production server over a large archive, next to nginx serving a static file.

    make bench-load                                          # 100 000 articles, 1 000 000 comments
    make bench-load ARGS="--articles 10000 --comments 100000"
    make bench-load ARGS="--database-url postgres://postgres@127.0.0.1:5432/quotidien_bench_load"

The archive (articles and readers' comments, by quotidien.demo.corpus) is generated once
and kept: var/bench/load-<articles>-<comments>.sqlite3, or the PostgreSQL database given;
later runs only add what is missing. `quotidien serve`'s granian then runs on a free
port of 127.0.0.1 with its production settings (DEBUG off, page cache on), from an install
of the project without its test tools (var/bench/venv), and wrk (from a second process)
loads, each for `--duration` seconds after a warm-up:

- a static file served by WhiteNoise inside Django (cached pages are answered before it);
- the front page, a section page, an article page and the search page (for a word of the
  archive), anonymous (served from the page cache once warm) and with the `sessionid`
  cookie of a session that holds no login (which always bypasses the cache: a cookie
  naming no session at all is an anonymous reader's, served from the cache);
- the same article, bypassing the cache, from a single connection: the time one request
  takes when nothing waits in the queue, with the reads a worker keeps between changes;
- articles no worker has read yet, one after the other from a single connection: the
  time of a page rendered with none of its reads kept (the first view after a change);
- comment posting: logged-in readers (sessions and CSRF tokens prepared here) post the
  article's form through a wrk Lua script; afterwards every accepted comment must be
  stored exactly once;
- a subscriber article (the busiest open article after the one above, set to subscribers
  here): read by a subscriber (a reader with a running subscription and a session
  prepared here, so past the page cache) from 16 connections and from one, and its
  teaser by anonymous readers, from the page cache. Their aims are printed beside them:
  at least 1000 req/s and a p50 under 10 ms for the subscriber, the teaser as fast as the
  slowest cached page (within 10 %).

In the same run nginx serves the same article's HTML, fetched from the server, as a static
file; every figure is also given as a ratio to nginx's requests per second. The peak
resident memory (VmHWM) of each server worker is sampled all along and the largest is
printed, with the largest proportional share (Pss) seen, which does not count the memory
a worker shares with other processes. The table's last column gives that peak as it stood
when each page's load ended, to show which page raised it.
Every process started here is stopped at the end, on Ctrl-C too.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from common import ROOT, setup_django

BENCH_DIR = ROOT / "var" / "bench"
# The server runs from a production install (`make bench-load` makes it): the test tools
# of the benchmark's own environment would weigh on every worker's memory.
SERVER_VENV = BENCH_DIR / "venv"
SERVER_PYTHON = SERVER_VENV / "bin" / "python"
POST_PREFIX = "Essai de charge"
SUBSCRIBER_EMAIL = "abonne.banc@example.org"
# The aims of the subscriber article's rows.
SUBSCRIBER_RATE_AIM = 1000
SUBSCRIBER_P50_AIM_MS = 10
TEASER_ROW = "article abonnés, teaser anonyme"
SUBSCRIBER_ROW = "article abonnés, abonné connecté"
SUBSCRIBER_ONE_ROW = "article abonnés, abonné, 1 connexion"
SEARCH_WORD = "électricité"
# A static file, answered by WhiteNoise inside Django (cached pages are answered before it).
STATIC_FILE = "/static/css/site.css"
# More articles than a worker keeps reads of, so that each is rendered with nothing kept.
UNREAD_ARTICLES = 5000
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
LATENCY = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.M)


@dataclass
class Result:
    """What wrk measured for one page."""

    name: str
    rate: float
    p50: float
    p99: float
    requests: int
    errors: int
    connections: int = 0
    # The largest worker's peak resident memory once this page's load ended, in MiB
    # (None for nginx's page: the workers did not serve it).
    peak_mib: float | None = None
    # What the figure should reach, and whether it did (None: no aim for this page).
    aim: str = ""
    aim_met: bool | None = None


# -- The archive ---------------------------------------------------------------------------------


def _create_postgres_database(url: str) -> None:
    import psycopg

    server, name = url.split("?", 1)[0].rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare_archive(articles: int, comments: int) -> None:
    """Migrate, generate the missing articles and comments, index what search lacks."""
    from django.core.management import call_command
    from django.db import connection

    from quotidien.comments.models import Comment
    from quotidien.demo.corpus import generate_comments, generate_corpus
    from quotidien.news.models import ArticlePage
    from quotidien.search.indexing import index_unindexed

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    Comment.objects.filter(body__startswith=POST_PREFIX).delete()
    changed = False
    missing = articles - ArticlePage.objects.live().count()
    if missing > 0:
        started = time.monotonic()
        generate_corpus(articles=missing, seed=articles)
        print(f"  corpus : {missing} articles générés en {time.monotonic() - started:.0f} s")
        changed = True
    missing = comments - Comment.objects.count()
    if missing > 0:
        started = time.monotonic()
        generate_comments(comments=missing, seed=comments)
        print(f"  corpus : {missing} commentaires générés en {time.monotonic() - started:.0f} s")
        changed = True
    started = time.monotonic()
    if indexed := index_unindexed(batch_size=2000):
        print(f"  index : {indexed} articles indexés en {time.monotonic() - started:.0f} s")
        changed = True
    if changed:
        # Statistics for the query planners, as a production database keeps them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def unread_articles(article, count: int) -> list[str]:
    """The addresses of `count` live articles other than `article`, newest first."""
    from quotidien.news.models import ArticlePage

    articles = ArticlePage.objects.live().exclude(pk=article.pk).order_by("-pk")[:count]
    return [page.url for page in articles.defer_streamfields()]


def pick_article(*, besides=None):
    """The open article with the most published comments (the newest if none has any);
    with `besides`, the busiest other than that one."""
    from datetime import timedelta

    from django.conf import settings
    from django.db.models import Count
    from django.utils import timezone

    from quotidien.comments.models import Comment
    from quotidien.news.models import ArticlePage

    since = timezone.now() - timedelta(days=settings.QUOTIDIEN_COMMENTS_OPEN_DAYS - 1)
    open_articles = ArticlePage.objects.live().filter(
        first_published_at__gte=since, comments_closed=False
    )
    if besides is not None:
        open_articles = open_articles.exclude(pk=besides.pk)
    busiest = (
        Comment.objects.published()
        .filter(article__in=open_articles)
        .values("article")
        .annotate(count=Count("pk"))
        .order_by("-count")
        .first()
    )
    if busiest:
        return ArticlePage.objects.get(pk=busiest["article"])
    article = open_articles.order_by("-first_published_at").first()
    if article is None:
        raise SystemExit(
            "Aucun article n’accepte de commentaires dans cette archive (tous ont plus de "
            f"{settings.QUOTIDIEN_COMMENTS_OPEN_DAYS} jours) : supprimez-la pour la régénérer."
        )
    return article


def prepare_posters(count: int) -> list[tuple[str, str]]:
    """(Cookie header, form token) for `count` readers of the archive, logged in."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.http import HttpRequest
    from django.middleware.csrf import get_token

    from quotidien.demo.corpus import READER_EMAIL

    emails = [READER_EMAIL.format(number=number) for number in range(1, count + 1)]
    readers = list(get_user_model().objects.filter(username__in=emails).order_by("pk"))
    if not readers:
        raise SystemExit("L’archive n’a pas de lecteurs : générez-la avec des commentaires.")
    posters = []
    for reader in readers:
        request = HttpRequest()
        token = get_token(request)
        cookie = (
            f"{session_cookie(reader)}; {settings.CSRF_COOKIE_NAME}={request.META['CSRF_COOKIE']}"
        )
        posters.append((cookie, token))
    return posters


def anonymous_session_cookie() -> str:
    """A Cookie header's `sessionid=…` for a stored session without login: the page cache
    stays out of its requests, which Django renders as an anonymous reader's."""
    from importlib import import_module

    from django.conf import settings

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["banc"] = "contourne-le-cache"
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def session_cookie(user) -> str:
    """A Cookie header's `sessionid=…` for `user`, logged in as the login form does it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "quotidien.accounts.backends.EmailOrUsernameBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def prepare_subscriber_article(article) -> str:
    """Set `article` to subscribers, and give a reader a running subscription: the Cookie
    header of a new session of theirs. Run again, it reuses the reader and the plan, and
    the subscription while it runs."""
    from datetime import timedelta
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from quotidien.news.models import Access, ArticlePage
    from quotidien.subscriptions.models import Plan, Price, Subscription

    # Set in the database directly: the server starts afterwards, with nothing kept.
    ArticlePage.objects.filter(pk=article.pk).update(access=Access.SUBSCRIBERS)
    plan, created = Plan.objects.get_or_create(slug="banc-mensuel", defaults={"name": "Mensuel"})
    if created:
        Price.objects.create(plan=plan, currency="USD", amount=Decimal("12"))
    user, _created = get_user_model().objects.get_or_create(
        username=SUBSCRIBER_EMAIL, defaults={"email": SUBSCRIBER_EMAIL, "display_name": "Abonné"}
    )
    if not Subscription.objects.giving_access().filter(user=user).exists():
        Subscription.objects.create(
            user=user,
            plan=plan,
            status=Subscription.Status.ACTIVE,
            source=Subscription.Source.MANUAL,
            currency="USD",
            amount=Decimal("12"),
            current_period_end=timezone.now() + timedelta(days=365),
        )
    return session_cookie(user)


# -- Processes -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, what: str) -> None:
    import requests

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} s’est arrêté au démarrage (code {process.returncode}).")
        try:
            requests.get(url, timeout=10)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit(f"{what} n’a pas répondu en 60 secondes.")


def start_server(port: int, env: dict) -> subprocess.Popen:
    from quotidien.server import server_command

    argv = server_command(["--host=127.0.0.1", f"--port={port}", "--log-level=warning"])
    argv[0] = str(SERVER_PYTHON)
    # A session of its own: Ctrl-C reaches this script, which stops the server itself.
    server = subprocess.Popen(argv, cwd=ROOT, env=env, start_new_session=True)
    wait_for(f"http://127.0.0.1:{port}/", server, "Le serveur de production")
    return server


NGINX_CONF = """\
daemon off;
worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type "text/html; charset=utf-8";
    sendfile on;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{port};
        root {prefix}/html;
        location / {{ try_files /article.html =404; }}
    }}
}}
"""


def start_nginx(nginx: str, prefix: Path, port: int, html: bytes) -> subprocess.Popen:
    """nginx in the foreground, serving `html` at every address, from a folder of its own."""
    (prefix / "html").mkdir(parents=True)
    (prefix / "html" / "article.html").write_bytes(html)
    conf = prefix / "nginx.conf"
    conf.write_text(NGINX_CONF.format(prefix=prefix, port=port))
    # Workers drop to an unprivileged user when started as root: let them read the page.
    for path in (prefix.parent, prefix, prefix / "html"):
        path.chmod(0o755)
    (prefix / "html" / "article.html").chmod(0o644)
    process = subprocess.Popen(
        [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{port}/", process, "nginx")
    return process


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class MemorySampler(threading.Thread):
    """Peak resident memory (VmHWM) and proportional share (Pss) of the server's workers."""

    def __init__(self, master: int):
        super().__init__(daemon=True)
        self.master = master
        self.peaks: dict[int, int] = {}
        self.pss: dict[int, int] = {}
        self.halt = threading.Event()

    def workers(self) -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.master:
                    pids.append(int(entry.name))
        return pids

    @staticmethod
    def _kib(path: Path, field: str) -> int:
        for line in path.read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
        return 0

    def sample(self) -> None:
        for pid in self.workers():
            try:
                peak = self._kib(Path(f"/proc/{pid}/status"), "VmHWM:")
                pss = self._kib(Path(f"/proc/{pid}/smaps_rollup"), "Pss:")
            except OSError:
                continue
            self.peaks[pid] = max(self.peaks.get(pid, 0), peak)
            self.pss[pid] = max(self.pss.get(pid, 0), pss)

    def run(self) -> None:
        while not self.halt.wait(0.5):
            self.sample()

    def peak_mib(self) -> float:
        self.sample()
        return max(self.peaks.values(), default=0) / 1024


# -- wrk -----------------------------------------------------------------------------------------


POST_SCRIPT = """\
local readers = {{
{readers}
}}
local path = "{path}"
local threads = {{}}
local counter = 0
accepted, refused = 0, 0

function setup(thread)
    table.insert(threads, thread)
    thread:set("id", #threads)
end

function request()
    counter = counter + 1
    local reader = readers[(id * 7919 + counter) % #readers + 1]
    local body = "csrfmiddlewaretoken=" .. reader[2] .. "&body={prefix}+{run}-" .. id .. "-"
        .. counter .. "+%3A+un+avis+pos%C3%A9+sur+la+question%2C+sans+rien+de+m%C3%A9chant."
    return wrk.format("POST", path, {{
        ["Cookie"] = reader[1],
        ["Content-Type"] = "application/x-www-form-urlencoded",
    }}, body)
end

function response(status, headers, body)
    if status == 302 then accepted = accepted + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
    local a, r = 0, 0
    for _, thread in ipairs(threads) do
        a = a + thread:get("accepted")
        r = r + thread:get("refused")
    end
    io.write(string.format("ACCEPTED %d\\nREFUSED %d\\n", a, r))
end
"""


ROUND_SCRIPT = """\
local paths = {{
{paths}
}}
local counter = 0

function request()
    counter = counter + 1
    return wrk.format("GET", paths[counter % #paths + 1], {{["Cookie"] = "{cookie}"}})
end
"""


def round_script(folder: Path, paths: list[str], cookie: str) -> Path:
    """A wrk script asking for each of `paths` in turn, with `cookie` (bypassing the cache)."""
    script = folder / "round.lua"
    script.write_text(
        ROUND_SCRIPT.format(paths=",\n".join(f'    "{path}"' for path in paths), cookie=cookie)
    )
    return script


def post_script(folder: Path, path: str, posters: list[tuple[str, str]], run: str) -> Path:
    readers = ",\n".join(f'    {{"{cookie}", "{token}"}}' for cookie, token in posters)
    script = folder / "post.lua"
    script.write_text(
        POST_SCRIPT.format(
            readers=readers, path=path, prefix=quote(POST_PREFIX).replace("%20", "+"), run=run
        )
    )
    return script


def parse_wrk(name: str, output: str) -> Result:
    latencies = {int(p): float(v) * UNITS[unit] for p, v, unit in LATENCY.findall(output)}
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    if rate is None or total is None or set(latencies) != {50, 99}:
        raise SystemExit(f"Sortie de wrk illisible pour « {name} » :\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    count = int(errors.group(1)) if errors else 0
    count += sum(int(n) for n in sockets.groups()) if sockets else 0
    return Result(
        name, float(rate.group(1)), latencies[50], latencies[99], int(total.group(1)), count
    )


def prime(url: str, workers: int) -> None:
    """Have every worker likely render and cache the page once (each keeps its own cache).

    Four requests per worker from as many readers as workers: a worker is missed with a
    chance of about (1 - 1/workers) ** (4 * workers), under 2 %.
    """
    import requests

    def read(_number: int) -> None:
        with requests.Session() as session:
            for _n in range(4):
                session.get(url, timeout=120)

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(read, range(workers)))


def wrk(
    url: str,
    name: str,
    args,
    *,
    headers: tuple[str, ...] = (),
    script: Path | None = None,
    connections: int | None = None,
    warm: bool = True,
) -> tuple[Result, str]:
    connections = connections or args.connections
    threads = min(args.threads, connections)
    base = [args.wrk, f"-t{threads}", f"-c{connections}", "--latency", "--timeout=10s"]
    for header in headers:
        base += ["-H", header]
    if script:
        base += ["-s", str(script)]
    if warm and not headers and not script:
        prime(url, args.workers)
    if warm and args.warmup:
        subprocess.run([*base, f"-d{args.warmup}s", url], check=True, capture_output=True)
    run = subprocess.run(
        [*base, f"-d{args.duration}s", url], check=True, capture_output=True, text=True
    )
    result = parse_wrk(name, run.stdout)
    result.connections = connections
    return result, run.stdout


def check_paywall(url: str, subscriber: str) -> None:
    """Stop before measuring if the subscriber would not get the article in full, or an
    anonymous reader would not get its teaser: the rows would measure something else."""
    import requests

    anonymous = requests.get(url, timeout=30).text
    full = requests.get(url, headers={"Cookie": subscriber}, timeout=30).text
    if 'class="paywall' not in anonymous or 'class="paywall' in full:
        raise SystemExit(
            f"L’article abonnés {url} ne montre pas l’extrait aux anonymes et l’article "
            "entier à l’abonné : vérifiez quotidien.subscriptions.access."
        )


def judge(results: list[Result]) -> None:
    """Say beside the subscriber article's rows what they aim at, and whether they reach it:
    a subscriber's page at least SUBSCRIBER_RATE_AIM req/s from 16 connections and a p50
    under SUBSCRIBER_P50_AIM_MS ms from one; the teaser as fast as a cached page (within
    10 %, wrk's noise from one run to the next)."""
    by_name = {result.name: result for result in results}
    if result := by_name.get(SUBSCRIBER_ROW):
        result.aim = f"≥ {SUBSCRIBER_RATE_AIM} req/s"
        result.aim_met = result.rate >= SUBSCRIBER_RATE_AIM
    if result := by_name.get(SUBSCRIBER_ONE_ROW):
        result.aim = f"p50 < {SUBSCRIBER_P50_AIM_MS} ms"
        result.aim_met = result.p50 < SUBSCRIBER_P50_AIM_MS
    cached = [r.rate for r in results if r.name.endswith("cache chaud")]
    if cached and (result := by_name.get(TEASER_ROW)):
        slowest = min(cached)
        result.aim = f"≈ cache chaud le plus lent ({slowest:.0f} req/s)"
        result.aim_met = result.rate >= 0.9 * slowest


def settle(run_tag: str) -> None:
    """Wait until the posts wrk stopped waiting for at the end of its run are all stored."""
    from django.db import connections

    from quotidien.comments.models import Comment

    posted = Comment.objects.filter(body__startswith=f"{POST_PREFIX} {run_tag}-")
    stored, deadline = -1, time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(2)
        if (now := posted.count()) == stored:
            break
        stored = now
    connections.close_all()


# -- The run -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="", help="PostgreSQL (SQLite par défaut)")
    parser.add_argument("--duration", type=int, default=10, help="secondes par page")
    parser.add_argument("--warmup", type=int, default=3, help="secondes de chauffe par page")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=0, help="workers du serveur (0 : défaut)")
    parser.add_argument("--posters", type=int, default=400, help="lecteurs qui publient")
    args = parser.parse_args()

    tools = {
        name: shutil.which(name) or shutil.which(name, path="/usr/sbin")
        for name in ("wrk", "nginx")
    }
    if missing := [name for name, path in tools.items() if not path]:
        raise SystemExit(
            f"Introuvable : {', '.join(missing)}. `make bench-load` les installe "
            "(paquets Debian wrk et nginx-light)."
        )

    installed = SERVER_VENV / ".installed"
    if (
        not installed.exists()
        or installed.stat().st_mtime < (ROOT / "pyproject.toml").stat().st_mtime
    ):
        raise SystemExit(
            f"L’installation de production du serveur ({SERVER_VENV.relative_to(ROOT)}) manque "
            "ou date d’avant pyproject.toml : `make bench-load` la refait."
        )
    args.wrk = tools["wrk"]
    # `kill` as well as Ctrl-C goes through the `finally` that stops the server and nginx.
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(143))
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    database_url = args.database_url or (
        f"sqlite:///{BENCH_DIR / f'load-{args.articles}-{args.comments}.sqlite3'}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "QUOTIDIEN_VAR_DIR": str(BENCH_DIR / "load"),
        "SECRET_KEY": "banc-d-essai-de-charge",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        # The comment posting load comes from a few hundred accounts posting as fast as
        # they can: no reader's limit of a few a minute.
        "COMMENTS_PER_MINUTE": "0",
    }
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    os.environ.update(env)
    if database_url.startswith("postgres"):
        _create_postgres_database(database_url)
    setup_django(database_url)

    from django.db import connections

    from quotidien.comments.models import Comment
    from quotidien.server import worker_count

    args.workers = worker_count()  # --workers when given, through WEB_CONCURRENCY
    vendor = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(f"Archive : {args.articles} articles, {args.comments} commentaires ({vendor})")
    prepare_archive(args.articles, args.comments)
    article = pick_article()
    section = article.get_parent()
    locked = pick_article(besides=article)
    subscriber = prepare_subscriber_article(locked)
    posters = prepare_posters(args.posters)
    bypass_cookie = anonymous_session_cookie()
    other_articles = unread_articles(article, UNREAD_ARTICLES)
    run_tag = f"r{int(time.time())}"
    connections.close_all()
    # Other work on the machine takes its share of the CPUs: say so next to the figures.
    load_before = os.getloadavg()[0]

    port, nginx_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    folder = Path(tempfile.mkdtemp(prefix="quotidien-bench-load-"))
    server = nginx = sampler = None
    results: list[Result] = []
    try:
        server = start_server(port, env)
        sampler = MemorySampler(server.pid)
        sampler.start()
        import requests

        page = requests.get(base + article.url, timeout=30)
        page.raise_for_status()
        nginx = start_nginx(tools["nginx"], folder / "nginx", nginx_port, page.content)
        search_url = f"{base}/recherche/?q={quote(SEARCH_WORD)}"
        if "<mark>" not in requests.get(search_url, timeout=60).text:
            print(f"  attention : la recherche de « {SEARCH_WORD} » ne trouve rien")
        check_paywall(base + locked.url, subscriber)

        bypass = {"headers": (f"Cookie: {bypass_cookie}",)}
        plan = [
            ("nginx, même HTML (référence)", f"http://127.0.0.1:{nginx_port}/", {}),
            ("serveur, fichier statique", base + STATIC_FILE, {}),
            ("une, cache chaud", base + "/", {}),
            ("une, cache contourné", base + "/", bypass),
            ("rubrique, cache chaud", base + section.url, {}),
            ("rubrique, cache contourné", base + section.url, bypass),
            ("article, cache chaud", base + article.url, {}),
            ("article, cache contourné", base + article.url, bypass),
            ("article, contourné, 1 connexion", base + article.url, {**bypass, "connections": 1}),
            ("recherche, cache chaud", search_url, {}),
            ("recherche, cache contourné", search_url, bypass),
            (TEASER_ROW, base + locked.url, {}),
            (
                SUBSCRIBER_ROW,
                base + locked.url,
                {"headers": (f"Cookie: {subscriber}",), "connections": 16},
            ),
            (
                SUBSCRIBER_ONE_ROW,
                base + locked.url,
                {"headers": (f"Cookie: {subscriber}",), "connections": 1},
            ),
        ]
        for name, url, options in plan:
            result, _output = wrk(url, name, args, **options)
            if url.startswith(base):
                result.peak_mib = sampler.peak_mib()
            results.append(result)
            print(f"  {name} : {result.rate:.0f} req/s")
        # Articles no worker has read yet: each request renders one with nothing kept.
        unread, _output = wrk(
            base + article.url,
            "articles jamais lus, 1 connexion",
            args,
            script=round_script(folder, other_articles, bypass_cookie),
            connections=1,
            warm=False,
        )
        unread.peak_mib = sampler.peak_mib()
        results.append(unread)
        print(f"  {unread.name} : {unread.rate:.0f} req/s")
        script = post_script(folder, article.url + "commentaires/", posters, run_tag)
        posting, output = wrk(
            base + article.url + "commentaires/",
            "publication d’un commentaire",
            args,
            script=script,
            warm=False,
        )
        results.append(posting)
        accepted = int(re.search(r"ACCEPTED (\d+)", output).group(1))
        refused = int(re.search(r"REFUSED (\d+)", output).group(1))
        settle(run_tag)
        posting.peak_mib = sampler.peak_mib()
    finally:
        if sampler:
            sampler.halt.set()
        stop(nginx)
        stop(server)
        shutil.rmtree(folder, ignore_errors=True)

    stored = list(
        Comment.objects.filter(body__startswith=f"{POST_PREFIX} {run_tag}-").values_list(
            "status", "body"
        )
    )
    bodies = Counter(body for _status, body in stored)
    statuses = Counter(status for status, _body in stored)
    doubled = sum(1 for times in bodies.values() if times > 1)
    lost = max(0, accepted - len(bodies))

    reference = results[0].rate
    judge(results)
    width = max(len(result.name) for result in results) + 2
    print()
    print(
        f"Charge : {args.articles} articles, {args.comments} commentaires, {vendor}, "
        f"granian {args.workers} workers ; wrk {args.threads} threads, "
        f"{args.connections} connexions, {args.duration} s par page ; {os.cpu_count()} CPU, "
        f"charge moyenne avant la mesure {load_before:.1f}"
    )
    print(
        f"{'page':<{width}}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'/ nginx':>9}{'réponses':>10}"
        f"{'erreurs':>9}{'pic Mo':>8}  objectif"
    )
    for result in results:
        latencies = (
            f"{result.p50:>9.1f}{result.p99:>9.1f}" if result.requests else f"{'—':>9}{'—':>9}"
        )
        print(
            f"{result.name:<{width}}{result.rate:>9.1f}{latencies}{result.rate / reference:>9.4f}"
            f"{result.requests:>10}{result.errors:>9}"
            + (f"{result.peak_mib:>8.0f}" if result.peak_mib is not None else f"{'—':>8}")
            + (
                f"  {result.aim} : {'atteint' if result.aim_met else 'NON atteint'}"
                if result.aim
                else ""
            )
        )
    silent = [result.name for result in results if result.requests < result.connections]
    if silent:
        print(
            f"moins de réponses que de connexions pour : {' ; '.join(silent)}. La file "
            f"d’attente y dépasse {args.duration} s : leurs latences ne comptent que les "
            "requêtes servies à temps."
        )
    peak = max(sampler.peaks.values(), default=0) / 1024
    pss = max(sampler.pss.values(), default=0) / 1024
    print(
        f"mémoire par worker : pic résident (VmHWM) {peak:.0f} Mo, pic de part propre (Pss) "
        f"{pss:.0f} Mo ({len(sampler.peaks)} workers observés)"
    )
    print(
        f"commentaires : {accepted} acceptés, {refused} refusés ; enregistrés : {len(bodies)} "
        f"(publiés {statuses['published']}, en attente {statuses['pending']}, refusés "
        f"{statuses['rejected']}) ; perdus : {lost} ; en double : {doubled}"
    )
    errors = sum(result.errors for result in results)
    if lost or doubled or refused or errors:
        raise SystemExit("ÉCHEC : erreurs HTTP, ou commentaires perdus, doublés ou refusés.")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        raise SystemExit("Interrompu : le serveur et nginx sont arrêtés.") from None
