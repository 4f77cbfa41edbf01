"""Varnish in front of the cluster (`make cluster`): its speed, and whether it stays exact.

    make bench-cluster
    make bench-cluster ARGS="--duration 10 --rounds 5 --publishes 60"

A cluster of its own is started on free ports (deploy/cluster.py: Varnish, two app
servers, two workers, PostgreSQL with a streaming replica, Redis), then:

1. wrk asks Varnish for a cached article, and nginx for the same HTML as a static file,
   in turn, `--rounds` times each; the ratio of their median requests a second is the
   figure (aim: 0.8 at least). Both are asked with `Accept-Encoding: gzip`, as browsers
   do: Varnish sends the page it keeps compressed; nginx, without gzip configured, sends
   it as it is. A row without gzip says what Varnish's decompression for such clients
   costs.
2. For `--publishes` seconds, an editor publishes a new headline of the article once a
   second through an app server (a draft saved, then « Publier » in the back office),
   while wrk keeps loading Varnish and a checker reads the article through Varnish
   without pause. A few publishes first let each worker load the entities' model, which
   takes seconds in a worker's first such task. For each publish, the checker records
   how long after the publish was answered a request it sent still got an older headline
   (aim: never more than 1 s), and every answer that was not a 200 (aim: none). How long
   each purge waited for a worker, and how long the workers' tasks ran, are printed too.

Every process started here is stopped at the end, on Ctrl-C too.
"""

import argparse
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import ROOT, percentile, setup_django
from loadbench.servers import start_nginx, stop
from loadbench.wrk import Result, wrk

sys.path.insert(0, str(ROOT))
from deploy.client import LoginRefused, bulk_publish_url, form_token, logged_in, post_form  # noqa: E402
from deploy.cluster import Cluster, ClusterError, Ports, missing_tools  # noqa: E402
from tests.ports import free_port  # noqa: E402

RATIO_AIM = 0.8
STALE_AIM_SECONDS = 1.0
EDITOR = ("editeur", "quotidien-editeur")
VERSION = re.compile(r"\(version (\d+)\)")


class Checker(threading.Thread):
    """Reads the article through Varnish without pause: when each headline was seen."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.seen: list[tuple[float, int]] = []
        self.errors: list[str] = []
        self.halt = threading.Event()

    def run(self) -> None:
        import requests

        with requests.Session() as session:
            while not self.halt.is_set():
                # When the request left: what Varnish served then, however long the
                # answer took to reach this thread on a loaded machine.
                sent = time.monotonic()
                try:
                    answer = session.get(self.url, timeout=10)
                except requests.RequestException as error:
                    self.errors.append(type(error).__name__)
                    continue
                if answer.status_code != 200:
                    self.errors.append(str(answer.status_code))
                    continue
                found = VERSION.search(answer.text)
                self.seen.append((sent, int(found[1]) if found else 0))


def publisher(cluster: Cluster, article_id: int, title: str, versions: range):
    """Publish the article's headline with each of `versions`, one a second, through the
    first app server's back office; yield (version, when the publish was answered)."""
    from quotidien.news.models import ArticlePage

    server = cluster.app_urls[0]
    try:
        editor = logged_in(server, "/admin/login/", *EDITOR)
    except LoginRefused as error:
        raise SystemExit(str(error)) from None
    publish = bulk_publish_url(server, article_id)
    token = form_token(editor, publish)
    start = time.monotonic()
    for number, version in enumerate(versions, 1):
        article = ArticlePage.objects.get(pk=article_id)
        article.title = f"{title} (version {version})"
        article.save_revision()
        # The redirect's answer, not the dashboard it leads to: the change is committed.
        answer = post_form(editor, publish, token)
        if answer.status_code != 302:
            raise SystemExit(f"Publication refusée : {answer.status_code}.")
        yield version, time.monotonic()
        time.sleep(max(0.0, start + number - time.monotonic()))


def settle(since, timeout: float = 180) -> None:
    """Wait until the workers have run every task enqueued since `since`."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while DBTaskResult.objects.filter(enqueued_at__gte=since, finished_at=None).exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"Les workers n’ont pas fini leurs tâches en {timeout:.0f} s.")
        time.sleep(0.5)


def worker_report(since) -> tuple[list[float], dict[str, list[float]]]:
    """How long each purge enqueued since `since` waited for a worker (until now if none
    took it), and how long the tasks of each kind ran, in seconds."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    waits, runs = [], {}
    for task in DBTaskResult.objects.filter(enqueued_at__gte=since):
        if task.task_path == "quotidien.frontcache.tasks.purge_pending":
            waits.append(((task.started_at or now) - task.enqueued_at).total_seconds())
        if task.started_at and task.finished_at:
            name = task.task_path.rpartition(".")[2]
            runs.setdefault(name, []).append((task.finished_at - task.started_at).total_seconds())
    return waits, runs


def staleness(published: list[tuple[int, float]], seen: list[tuple[float, int]]) -> list[float]:
    """For each publish, how long after it an older headline was still served (0: never)."""
    delays = []
    for version, at in published:
        late = [when for when, shown in seen if when > at and shown < version]
        delays.append(max(late) - at if late else 0.0)
    return delays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="secondes par mesure")
    parser.add_argument("--rounds", type=int, default=3, help="mesures de nginx et Varnish")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--publishes", type=int, default=30, help="publications (une par s)")
    args = parser.parse_args()
    args.workers = 2

    tools = {
        name: shutil.which(name) or shutil.which(name, path="/usr/sbin")
        for name in ("wrk", "nginx")
    }
    missing = [name for name, path in tools.items() if not path] + missing_tools()
    if missing:
        raise SystemExit(
            f"Introuvable : {', '.join(missing)}. `make bench-cluster` installe wrk, nginx-light "
            "et varnish (paquets Debian)."
        )
    args.wrk = tools["wrk"]
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(143))

    folder = Path(tempfile.mkdtemp(prefix="quotidien-bench-cluster-"))
    ports = Ports.free()
    cluster = Cluster(folder, ports, durable=False)
    nginx = checker = None
    results: list[Result] = []
    try:
        print(f"Grappe sur des ports libres ({folder}) …")
        try:
            cluster.start()
        except ClusterError as error:
            raise SystemExit(f"La grappe n’a pas démarré : {error}") from None
        # This process saves the editor's drafts, on the primary.
        env = cluster.env()
        env.pop("DATABASE_REPLICA_URL")
        os.environ.update(env)
        setup_django()
        import requests
        from django.utils import timezone

        from quotidien.news.models import ArticlePage

        article = ArticlePage.objects.live().order_by("pk").first()
        title, url = article.title, cluster.varnish_url + article.url
        page = requests.get(url, timeout=30)
        page.raise_for_status()
        if requests.get(url, timeout=30).headers.get("X-Cache") != "hit":
            raise SystemExit(f"Varnish ne garde pas l’article {url} : voir la VCL.")
        nginx_port = free_port()
        nginx = start_nginx(tools["nginx"], folder / "nginx", nginx_port, page.content)
        load_before = os.getloadavg()[0]

        gzip = ("Accept-Encoding: gzip",)
        # nginx and Varnish in turn, the median of each kept: the other work of a shared
        # machine comes and goes, and would favour whichever ran in a quiet moment.
        rounds: dict[str, list[Result]] = {}
        for _round in range(args.rounds):
            for name, target in (
                ("nginx, même HTML (référence)", f"http://127.0.0.1:{nginx_port}/"),
                ("Varnish, article en cache (gzip)", url),
            ):
                result, _output = wrk(target, name, args, headers=gzip)
                rounds.setdefault(name, []).append(result)
                print(f"  {name} : {result.rate:.0f} req/s")
        for measured in rounds.values():
            results.append(sorted(measured, key=lambda result: result.rate)[len(measured) // 2])
        result, _output = wrk(url, "Varnish, article en cache, sans gzip", args, warm=False)
        results.append(result)
        print(f"  {result.name} : {result.rate:.0f} req/s")

        # Publishing under load, once each worker has loaded what a publish makes it load
        # (the entities' model: seconds), as in a site that has been up for a while.
        warm_start = timezone.now()
        list(publisher(cluster, article.pk, title, range(1, cluster.workers + 2)))
        settle(warm_start)
        checker = Checker(url)
        checker.start()
        loaded: dict[str, Result] = {}

        def load() -> None:
            loaded["result"] = wrk(
                url,
                "Varnish, article en cache, pendant les publications",
                argparse.Namespace(**{**vars(args), "duration": args.publishes, "warmup": 0}),
                headers=gzip,
                warm=False,
            )[0]

        loader = threading.Thread(target=load)
        loader.start()
        phase_start = timezone.now()
        first = cluster.workers + 2
        published = list(
            publisher(cluster, article.pk, title, range(first, first + args.publishes))
        )
        time.sleep(STALE_AIM_SECONDS * 2)
        checker.halt.set()
        checker.join()
        loader.join()
        if "result" in loaded:
            results.append(loaded["result"])
        waits, runs = worker_report(phase_start)
    finally:
        if checker:
            checker.halt.set()
        stop(nginx)
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)

    reference = results[0].rate
    print()
    print(
        f"Grappe : Varnish devant 2 serveurs (granian, {cluster.web_concurrency} workers "
        f"chacun) ; wrk {args.threads} threads, {args.connections} connexions, "
        f"{args.duration} s par mesure, médiane de {args.rounds} ; {os.cpu_count()} CPU, "
        f"charge moyenne avant la mesure {load_before:.1f}"
    )
    width = max(len(result.name) for result in results) + 2
    print(
        f"{'page':<{width}}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'/ nginx':>9}{'réponses':>10}"
        f"{'erreurs':>9}"
    )
    for result in results:
        print(
            f"{result.name:<{width}}{result.rate:>9.1f}{result.p50:>9.2f}{result.p99:>9.2f}"
            f"{result.rate / reference:>9.3f}{result.requests:>10}{result.errors:>9}"
        )
    ratio = results[1].rate / reference
    delays = staleness(published, checker.seen)
    worst = max(delays, default=0.0)
    errors = len(checker.errors) + sum(result.errors for result in results)
    print(
        f"Varnish / nginx : {ratio:.2f} (objectif ≥ {RATIO_AIM}) : "
        f"{'atteint' if ratio >= RATIO_AIM else 'NON atteint'}"
    )
    print(
        f"{len(published)} publications, {len(checker.seen)} lectures du vérificateur : "
        f"page périmée servie au plus {worst:.3f} s après une publication "
        f"(p50 {percentile(delays, 0.5):.3f} s ; objectif ≤ {STALE_AIM_SECONDS:.0f} s : "
        f"{'atteint' if worst <= STALE_AIM_SECONDS else 'NON atteint'}) ; "
        f"erreurs : {errors}"
        + (f" ({', '.join(sorted(set(checker.errors)))})" if checker.errors else "")
    )
    if waits:
        print(
            f"tâches de purge : {len(waits)}, attente d’un worker p50 "
            f"{percentile(waits, 0.5):.3f} s, max {max(waits):.3f} s ; durée des tâches des "
            f"{cluster.workers} workers : "
            + ", ".join(
                f"{name} {len(times)} × {sum(times) / len(times):.2f} s"
                for name, times in sorted(runs.items())
            )
        )
    if worst > STALE_AIM_SECONDS or errors:
        raise SystemExit("ÉCHEC : page périmée servie plus d’une seconde, ou erreurs.")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        raise SystemExit("Interrompu : la grappe et nginx sont arrêtés.") from None
