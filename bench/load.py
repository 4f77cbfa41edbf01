"""Load on the production server over a large archive, next to nginx serving a static file.

    make bench-load                                          # 100 000 articles, 1 000 000 comments
    make bench-load ARGS="--articles 10000 --comments 100000"
    make bench-load ARGS="--database-url postgres://postgres@127.0.0.1:5432/quotidien_bench_load"
    REDIS_URL=redis://127.0.0.1:6379/0 make bench-load ARGS="…"  # pages and versions in Redis

The archive (articles and readers' comments, by quotidien.demo.corpus) is generated once
and kept: var/bench/load-<articles>-<comments>.sqlite3, or the PostgreSQL database given;
later runs only add what is missing. `quotidien serve`'s granian then runs on a free
port of 127.0.0.1 with its production settings (DEBUG off, page cache on), from an install
of the project without its test tools (var/bench/venv), and wrk (from a second process)
loads, each for `--duration` seconds after a warm-up:

- a static file served by WhiteNoise inside Django (cached pages are answered before it);
- the front page, a section page, an article page and the search page (for a word of the
  archive, from `--search-connections` connections, 16 by default); the article is the
  busiest open one, given here the full anatomy of a daily's article
  (bench/loadbench/article.toml: a lead photo and its renditions, some 800 words with
  subheads, inline links, a quote and "Lire aussi"; its comments shown). Each is
  loaded anonymous (served from the page cache once warm) and with the `sessionid` cookie
  of a session that holds no login (which always bypasses the cache: a cookie naming no
  session at all is an anonymous reader's, served from the cache);
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
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from common import ROOT, setup_django
from loadbench import BENCH_DIR, SERVER_VENV
from loadbench.archive import (
    anonymous_session_cookie,
    create_postgres_database,
    pick_article,
    posted_comments,
    prepare_archive,
    prepare_full_article,
    prepare_posters,
    prepare_subscriber_article,
    settle,
    unread_articles,
)
from loadbench.servers import MemorySampler, free_port, start_nginx, start_server, stop
from loadbench.wrk import Result, post_script, round_script, wrk

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


def check_anatomy(url: str) -> None:
    """Stop before measuring if the article lacks a part of a daily's article: the rows
    would measure a lighter page than readers get."""
    import requests

    page = requests.get(url, timeout=30).text
    parts = {
        "photo principale": '<picture><source type="image/',
        "intertitres": '<h2 class="intertitre">',
        "liens dans le texte": '<a href="/',
        "Lire aussi": 'class="read-also-inline"',
        "commentaires": 'class="comment-thread"',
    }
    if missing := [name for name, marker in parts.items() if marker not in page]:
        raise SystemExit(
            f"L’article {url} n’a pas tout d’un article du quotidien : {', '.join(missing)}."
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
    parser.add_argument(
        "--search-connections",
        type=int,
        default=16,
        help="connexions des lignes de la recherche (16)",
    )
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
        create_postgres_database(database_url)
    setup_django(database_url)

    from django.db import connections

    from quotidien.server import worker_count

    args.workers = worker_count()  # --workers when given, through WEB_CONCURRENCY
    vendor = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    # REDIS_URL, when set, reaches the server too: its pages and versions live there.
    if os.environ.get("REDIS_URL"):
        vendor += ", Redis"
    print(f"Archive : {args.articles} articles, {args.comments} commentaires ({vendor})")
    prepare_archive(args.articles, args.comments)
    article = prepare_full_article(pick_article())
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
        check_anatomy(base + article.url)

        bypass = {"headers": (f"Cookie: {bypass_cookie}",)}
        subscribed = {"headers": (f"Cookie: {subscriber}",)}
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
            ("recherche, cache chaud", search_url, {"connections": args.search_connections}),
            (
                "recherche, cache contourné",
                search_url,
                {**bypass, "connections": args.search_connections},
            ),
            (TEASER_ROW, base + locked.url, {}),
            (SUBSCRIBER_ROW, base + locked.url, {**subscribed, "connections": 16}),
            (SUBSCRIBER_ONE_ROW, base + locked.url, {**subscribed, "connections": 1}),
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

    stored = list(posted_comments(run_tag).values_list("status", "body"))
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
        f"{args.connections} connexions (recherche : {args.search_connections}), "
        f"{args.duration} s par page ; {os.cpu_count()} CPU, "
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
