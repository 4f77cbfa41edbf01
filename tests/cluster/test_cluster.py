"""The site as a fleet runs it (`make cluster`): Varnish in front of two app servers,
workers (one sending the purges alone), PostgreSQL with a streaming read replica, Redis.

One cluster on free ports for the module; the tests run in order, the last one stopping
an app server.
"""

import http.client
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import requests

from deploy.client import bulk_publish_url, form_token, logged_in, post_form
from deploy.cluster import ROOT, Cluster, ClusterError, ClusterUnavailable, Ports, missing_tools

pytestmark = pytest.mark.cluster

# The promise: a change shows through Varnish and every app server within this.
PROPAGATION_SECONDS = 1.0
READER = ("nour.haddad@example.org", "quotidien-lecteur")
EDITOR = ("editeur", "quotidien-editeur")

# A draft of a live article with a new headline, as a journalist would save it: printed
# as JSON with the page's id and address.
DRAFT = """
import http.client
import json
from quotidien.news.models import ArticlePage
article = ArticlePage.objects.live().filter(comments_closed=False).order_by("pk").first()
article.title = article.title + " ({mark})"
article.save_revision()
print(json.dumps({{"id": article.pk, "path": article.url}}))
"""


@pytest.fixture(scope="module")
def cluster():
    if missing := missing_tools():
        pytest.skip("grappe impossible ici, il manque : " + ", ".join(missing))
    # PostgreSQL's user must reach its data: a folder it can enter, not pytest's own.
    folder = Path(tempfile.mkdtemp(prefix="quotidien-cluster-"))
    ports = Ports.free()
    cluster = Cluster(
        folder, ports, log_statements=True, durable=False, web_concurrency=1, quiet=True
    )
    try:
        cluster.start()
    except ClusterError as error:
        shutil.rmtree(folder, ignore_errors=True)
        # Only the machine's lack excuses it: an app server that dies at startup fails.
        if isinstance(error, ClusterUnavailable):
            pytest.skip(f"la grappe n’a pas démarré : {error}")
        raise
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def manage_shell(cluster: Cluster, code: str) -> str:
    env = cluster.env()
    env.pop("DATABASE_REPLICA_URL")
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def seconds_until(condition, limit: float = 10.0) -> float:
    """How long `condition()` took to hold, polled; `limit` when it never did."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if condition():
            return time.monotonic() - start
        time.sleep(0.02)
    return limit


def shows(url: str, text: str, **headers) -> bool:
    return text in requests.get(url, headers=headers, timeout=10).text


@pytest.fixture(scope="module")
def article(cluster):
    """A live article, read through Varnish (so kept there) and through each app server,
    with a draft of a new headline waiting."""
    mark = f"mis à jour {uuid.uuid4().hex[:8]}"
    draft = json.loads(manage_shell(cluster, DRAFT.format(mark=mark)))
    for base in (cluster.varnish_url, *cluster.app_urls):
        requests.get(base + draft["path"], timeout=30).raise_for_status()

    def kept_by_varnish() -> bool:
        # A purge the worker still had to send (the draft saved, the demo loaded) may
        # evict the page once more: read it until Varnish answers from its cache.
        cached = requests.get(cluster.varnish_url + draft["path"], timeout=30)
        return cached.headers["X-Cache"] == "hit" and mark not in cached.text

    assert seconds_until(kept_by_varnish) < 10
    return {**draft, "mark": mark}


def test_a_publish_on_one_server_shows_through_varnish_and_the_other_within_a_second(
    cluster, article
):
    server_a, server_b = cluster.app_urls
    editor = logged_in(server_a, "/admin/login/", *EDITOR)
    publish = bulk_publish_url(server_a, article["id"])
    answer = post_form(editor, publish, form_token(editor, publish))
    assert answer.status_code == 302 and answer.headers["Location"] == "/admin/"

    through_varnish = seconds_until(
        lambda: shows(cluster.varnish_url + article["path"], article["mark"])
    )
    through_b = seconds_until(lambda: shows(server_b + article["path"], article["mark"]))
    assert through_varnish <= PROPAGATION_SECONDS, f"Varnish : {through_varnish:.2f} s"
    assert through_b <= PROPAGATION_SECONDS, f"serveur B : {through_b:.2f} s"
    # Kept again once the purges that follow a publish are sent (the replica's second one,
    # the worker's renditions and entities): the new page is served by Varnish, not asked
    # of an app server each time.
    assert (
        seconds_until(lambda: cached(cluster.varnish_url + article["path"], article["mark"])) < 10
    )


def cached(url: str, text: str) -> bool:
    answer = requests.get(url, timeout=10)
    return answer.headers["X-Cache"] == "hit" and text in answer.text


def test_a_comment_posted_through_one_server_shows_through_varnish(cluster, article):
    _server_a, server_b = cluster.app_urls
    reader = logged_in(server_b, "/compte/connexion/", *READER)
    comments = f"{server_b}{article['path']}commentaires/"
    body = f"Merci pour cet article clair et utile, lu de près ({uuid.uuid4().hex[:8]})."
    answer = post_form(reader, comments, form_token(reader, comments), body=body)
    assert answer.status_code == 302, answer.text[:500]

    shown = seconds_until(lambda: shows(cluster.varnish_url + article["path"], body))
    assert shown <= PROPAGATION_SECONDS, f"commentaire visible après {shown:.2f} s"
    # The comment was written on the primary; the replica only streams it.
    primary_log = cluster.postgres_log("primary").read_text(errors="replace")
    replica_log = cluster.postgres_log("replica").read_text(errors="replace")
    assert re.search(r'INSERT INTO "comments_comment"', primary_log)
    assert "INSERT INTO" not in replica_log


def test_anonymous_pages_are_read_from_the_replica(cluster):
    """The section's own query goes to the replica. Only the second app server's statements
    count (each process names itself to PostgreSQL), and only the listing's: Varnish's
    health probe reads the primary through /sante/ every second, as it should."""
    _server_a, server_b = cluster.app_urls
    replica_log = cluster.postgres_log("replica")
    primary_log = cluster.postgres_log("primary")
    replica_before, primary_before = replica_log.stat().st_size, primary_log.stat().st_size
    # A section's second page: read by nobody yet, so rendered from the database.
    page = requests.get(server_b + "/monde/?page=2", timeout=30)
    assert page.status_code in (200, 404)

    def listing_reads(log_file, start):
        with log_file.open(errors="replace") as log:
            log.seek(start)
            return [
                line
                for line in log
                if " quotidien-app2 " in line
                and re.search(r'SELECT .* FROM "news_articlepage"', line)
            ]

    assert listing_reads(replica_log, replica_before)
    assert listing_reads(primary_log, primary_before) == []


def test_a_purge_from_an_address_not_allowed_is_refused(cluster, article):
    """Only the app servers may purge (the `purgers` ACL: 127.0.0.1 in the cluster); a
    request from another loopback address stands for anyone else."""
    page = cluster.varnish_url + article["path"]
    assert seconds_until(lambda: requests.get(page, timeout=10).headers["X-Cache"] == "hit") < 10
    host, port = cluster.varnish_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(
        host, int(port), timeout=10, source_address=("127.0.0.2", 0)
    )
    connection.request("PURGE", "/", headers={"Host": f"{host}:{port}"})
    refused = connection.getresponse()
    connection.close()

    assert refused.status == 403
    assert requests.get(page, timeout=10).headers["X-Cache"] == "hit"


def test_a_view_of_an_article_served_by_varnish_reaches_the_site_through_its_beacon(
    cluster, article
):
    page = requests.get(cluster.varnish_url + article["path"], timeout=10)
    [beacon] = re.findall(r'<img src="(/audience/lu/[^"]+/)" alt="" hidden>', page.text)
    browser = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Firefox/133.0"}

    answers = [
        requests.get(cluster.varnish_url + beacon, headers=browser, timeout=10) for _ in range(2)
    ]

    assert [answer.status_code for answer in answers] == [204, 204]
    assert [answer.headers["X-Cache"] for answer in answers] == ["pass", "pass"]
    assert not any(answer.cookies for answer in answers)


# Slow tasks for the workers of every queue: the entities of every live article, found
# again, several times over (they find the same ones, so nothing is purged).
BACKLOG = """
from quotidien.entities.tasks import extract_entities_of
from quotidien.news.models import ArticlePage
ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
for _ in range(6):
    extract_entities_of.enqueue(article_ids=ids)
print(len(ids))
"""


def backlog(cluster: Cluster) -> dict[str, int]:
    """The slow tasks of BACKLOG by state (READY, RUNNING…), read from the primary."""
    with psycopg.connect(cluster.primary_url) as database:
        rows = database.execute(
            "SELECT status, count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE task_path = 'quotidien.entities.tasks.extract_entities_of' GROUP BY status"
        ).fetchall()
    return dict(rows)


def test_a_publish_shows_through_varnish_within_a_second_behind_a_backlog_of_slow_tasks(
    cluster,
):
    server_a, _server_b = cluster.app_urls
    mark = f"mis à jour {uuid.uuid4().hex[:8]}"
    draft = json.loads(manage_shell(cluster, DRAFT.format(mark=mark)))
    page = cluster.varnish_url + draft["path"]
    assert seconds_until(lambda: requests.get(page, timeout=10).headers["X-Cache"] == "hit") < 10
    editor = logged_in(server_a, "/admin/login/", *EDITOR)
    publish = bulk_publish_url(server_a, draft["id"])
    token = form_token(editor, publish)
    manage_shell(cluster, BACKLOG)
    assert seconds_until(lambda: backlog(cluster).get("RUNNING"), 30) < 30

    answer = post_form(editor, publish, token)
    assert answer.status_code == 302
    shown = seconds_until(lambda: shows(page, mark))

    # The workers of every queue were still at their slow tasks: the purge had its own.
    assert backlog(cluster).get("READY")
    assert shown <= PROPAGATION_SECONDS, f"Varnish : {shown:.2f} s"


def test_the_site_answers_through_varnish_when_an_app_server_stops(cluster):
    cluster.stop_process("app1")
    # A logged-in reader's request is never kept by Varnish: each one reaches a server.
    passed = {"Cookie": "sessionid=inconnue"}
    answers = [
        requests.get(cluster.varnish_url + "/", headers=passed, timeout=30) for _ in range(10)
    ]
    assert [answer.status_code for answer in answers] == [200] * 10
    assert all(answer.headers["X-Cache"] == "pass" for answer in answers)
