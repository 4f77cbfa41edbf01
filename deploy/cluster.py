"""The site as a fleet runs it, on this machine's loopback: `make cluster`.

    python -m deploy.cluster start      # make cluster
    python -m deploy.cluster stop       # make cluster-stop

In var/cluster/ (or CLUSTER_DIR): a PostgreSQL primary and a streaming read replica
(PostgreSQL 15's binaries, run as the `postgres` user when started as root: initdb refuses
root), a Redis server without persistence, the database migrated and the demo newsroom
loaded, two app servers (`quotidien serve`) reading from the replica, a background worker
for every task and one that sends the purges alone, and Varnish in front
(deploy/varnish/quotidien.vcl) with the app servers as its backends, in turn. Everything
listens on 127.0.0.1 only.

Each process started is written down in var/cluster/pids; `stop` ends those and only
those. The data stays between runs (the next start only migrates what is new).

Ports (environment): CLUSTER_VARNISH_PORT (6081), CLUSTER_APP_PORTS (8001,8002),
CLUSTER_PRIMARY_PORT (5433), CLUSTER_REPLICA_PORT (5434), CLUSTER_REDIS_PORT (6380);
CLUSTER_WEB_CONCURRENCY: granian workers per app server (2); CLUSTER_WORKERS: background
workers for every task (1), beside the purges' own.
"""

import argparse
import hashlib
import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from deploy import processes, varnishd

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DATABASE = "quotidien"
# How long the page may stay in Varnish: every change purges it, so it can be long.
CDN_SECONDS = 3600
# The worker looks for tasks this often: purges go out well within a second of a change.
WORKER_INTERVAL = 0.1


class ClusterError(Exception):
    """The cluster did not start; the message says why and what to do."""


class ClusterUnavailable(ClusterError):
    """This machine cannot run a cluster: a tool is missing, or PostgreSQL, Redis or
    Varnish would not start (the site's own processes are not at fault)."""


# The processes of the cluster that are the machine's, not the site's.
MACHINE_PROCESSES = ("postgres", "redis", "varnish")


def _env_port(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


@dataclass
class Ports:
    varnish: int = 6081
    apps: tuple[int, ...] = (8001, 8002)
    primary: int = 5433
    replica: int = 5434
    redis: int = 6380

    @classmethod
    def from_environment(cls) -> "Ports":
        apps = os.environ.get("CLUSTER_APP_PORTS") or "8001,8002"
        return cls(
            varnish=_env_port("CLUSTER_VARNISH_PORT", 6081),
            apps=tuple(int(port) for port in apps.split(",") if port.strip()),
            primary=_env_port("CLUSTER_PRIMARY_PORT", 5433),
            replica=_env_port("CLUSTER_REPLICA_PORT", 5434),
            redis=_env_port("CLUSTER_REDIS_PORT", 6380),
        )

    @classmethod
    def free(cls) -> "Ports":
        """Ports free on the loopback now, for a cluster beside others (tests, benches)."""
        return cls(
            varnish=_free_port(),
            apps=(_free_port(), _free_port()),
            primary=_free_port(),
            replica=_free_port(),
            redis=_free_port(),
        )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def missing_tools() -> list[str]:
    """What the cluster needs and this machine lacks, with the Debian package to install."""
    missing = []
    if not shutil.which("varnishd", path=os.environ.get("PATH", "") + ":/usr/sbin"):
        missing.append("varnishd (paquet varnish)")
    for tool in ("initdb", "pg_ctl", "pg_basebackup"):
        if not (PG_BIN / tool).exists():
            missing.append(f"{PG_BIN / tool} (paquet postgresql-15)")
    if not shutil.which("redis-server"):
        missing.append("redis-server (paquet redis-server)")
    return missing


@dataclass
class Cluster:
    """The processes of one cluster, started from `folder`, on `ports`."""

    folder: Path
    ports: Ports = field(default_factory=Ports)
    # Each statement the replica and the primary run, in their logs (replica.log,
    # primary.log): to see which database answered what.
    log_statements: bool = False
    # Without fsync: for a throwaway cluster (a test), whose data may be lost on a crash.
    durable: bool = True
    web_concurrency: int = 2
    # Workers for every task; the purges have one more of their own (`purger`), so that
    # none waits behind an article's entities (seconds) after each publish.
    workers: int = 1
    quiet: bool = False

    @property
    def pids_file(self) -> Path:
        return self.folder / "pids"

    @property
    def varnish_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.varnish}"

    @property
    def app_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.ports.apps]

    @property
    def primary_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.ports.primary}/{DATABASE}"

    @property
    def replica_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.ports.replica}/{DATABASE}"

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.ports.redis}/0"

    @property
    def postgres_folder(self) -> Path:
        return self.folder / "postgres"

    def log(self, name: str) -> Path:
        return self.folder / "logs" / f"{name}.log"

    def postgres_log(self, which: str) -> Path:
        """The log of the primary or the replica (`which`)."""
        return self.postgres_folder / f"{which}.log"

    def env(self) -> dict[str, str]:
        """The environment of the app servers, the worker and the commands run on the site."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "quotidien.settings",
            "QUOTIDIEN_VAR_DIR": str(self.folder / "var"),
            "DATABASE_URL": self.primary_url,
            "DATABASE_REPLICA_URL": self.replica_url,
            "REDIS_URL": self.redis_url,
            "PAGE_CACHE_CDN_SECONDS": str(CDN_SECONDS),
            "FRONTEND_CACHE_VARNISH_URLS": self.varnish_url,
            "REQUEST_LOG": "json",
            "TRUSTED_PROXIES": "127.0.0.1",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": self.varnish_url,
            "WEB_CONCURRENCY": str(self.web_concurrency),
        }

    # -- What runs -------------------------------------------------------------------------

    def running(self) -> list[str]:
        """The processes of the pids file still alive."""
        return [entry[0] for entry in self._entries() if processes.alive(int(entry[1]))]

    def start(self) -> None:
        if missing := missing_tools():
            raise ClusterUnavailable("Il manque : " + ", ".join(missing) + ".")
        if self.running():
            raise ClusterError(
                f"Une grappe tourne déjà ({self.pids_file}) : `make cluster-stop` l’arrête."
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        # PostgreSQL's user must reach its data through every folder above it.
        self.folder.chmod(0o755)
        (self.folder / "logs").mkdir(exist_ok=True)
        self.pids_file.write_text("")
        try:
            fresh = self._start_postgres()
            self._spawn(
                "redis",
                [
                    "redis-server",
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(self.ports.redis),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(self.folder),
                ],
            )
            self._prepare_site(fresh=fresh)
            quotidien = str(Path(sys.executable).parent / "quotidien")
            for number, port in enumerate(self.ports.apps, 1):
                self._spawn(
                    f"app{number}",
                    [quotidien, "serve", f"--port={port}", "--log-level=warning"],
                    env={**self.env(), "PORT": str(port)},
                )
            for url in self.app_urls:
                self._wait_http(url + "/", "le serveur d’application " + url)
            self._start_varnish(self._probe_path())
            self._wait_http(self.varnish_url + "/", "Varnish")
            # Once Varnish listens: the purges waiting (the site's address just set) go
            # out at once instead of being put off by a refused connection.
            self._spawn(
                "purger",
                [quotidien, "worker", "--queues=purges", f"--interval={WORKER_INTERVAL}"],
                env=self.env(),
            )
            for number in range(1, self.workers + 1):
                self._spawn(
                    f"worker{number}",
                    [quotidien, "worker", f"--interval={WORKER_INTERVAL}"],
                    env=self.env(),
                )
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop every process of the pids file, the last started first."""
        for entry in reversed(self._entries()):
            name, pid = entry[0], int(entry[1])
            if name.startswith("postgres-"):
                data = Path(entry[2])
                if (data / "postmaster.pid").exists():
                    self._as_postgres(
                        [PG_BIN / "pg_ctl", "stop", "-D", data, "-m", "fast", "-w"],
                        check=False,
                    )
            elif processes.alive(pid):
                processes.stop_group(pid)
        if self.pids_file.exists():
            self.pids_file.unlink()

    def stop_process(self, name: str) -> None:
        """Stop one process of the cluster (an app server, to see the others take over)."""
        for entry in self._entries():
            if entry[0] == name and processes.alive(int(entry[1])):
                processes.stop_group(int(entry[1]))

    # -- Each part -------------------------------------------------------------------------

    def _postgres_options(self, sockets: Path | None = None) -> list[str]:
        sockets = sockets or self.postgres_folder
        options = ["-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={sockets}"]
        if not self.durable:
            options += ["-c", "fsync=off", "-c", "full_page_writes=off"]
        if self.log_statements:
            options += ["-c", "log_statement=all", "-c", "log_line_prefix=%m [%p] %d %a "]
        return options

    def _start_postgres(self) -> bool:
        """Start the primary and the replica; True when the primary was made here."""
        folder = self.postgres_folder
        primary, replica = folder / "primary", folder / "replica"
        folder.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        fresh = not (primary / "PG_VERSION").exists()
        if fresh:
            snapshot = self._snapshot()
            subprocess.run(["cp", "-a", snapshot / "primary", primary], check=True)
            shutil.rmtree(self.folder / "var", ignore_errors=True)
            subprocess.run(["cp", "-a", snapshot / "var", self.folder / "var"], check=True)
        options = self._postgres_options()
        self._pg_start("postgres-primary", primary, self.ports.primary, options)
        if not (replica / "PG_VERSION").exists():
            shutil.rmtree(replica, ignore_errors=True)
            # -R: the copy starts as a standby that streams from the primary.
            self._as_postgres(
                [PG_BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", self.ports.primary]
                + ["-U", "postgres", "-D", replica, "-R", "-X", "stream", "-c", "fast"]
            )
        self._pg_start(
            "postgres-replica",
            replica,
            self.ports.replica,
            [*options, "-c", "hot_standby=on", "-c", "hot_standby_feedback=on"],
        )
        return fresh

    def _snapshot(self) -> Path:
        """A primary's data folder holding the migrated demo site, with its media and static
        files: made once for each state of the migrations, the demo and the static files
        (var/cluster-snapshots/), then copied, since migrating and loading the demo take
        minutes."""
        key = snapshot_key()
        snapshots = ROOT / "var" / "cluster-snapshots"
        snapshot = snapshots / key
        if (snapshot / "ready").exists():
            return snapshot
        if not self.quiet:
            print("Première fois pour ce code : base migrée et démo chargée (quelques minutes) …")
        shutil.rmtree(snapshots, ignore_errors=True)
        building = snapshots / f"{key}.building"
        building.mkdir(parents=True)
        for path in (snapshots.parent, snapshots, building):
            path.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(building, "postgres", "postgres")
        data = building / "primary"
        self._as_postgres(
            [PG_BIN / "initdb", "-D", data, "-U", "postgres", "--auth=trust"]
            + ["--encoding=UTF8", "--locale=C.UTF-8"]
        )
        options = [*self._postgres_options(building), "-c", "fsync=off"]
        options += ["-c", f"port={self.ports.primary}"]
        log = building / "postgres.log"
        self._as_postgres(
            [PG_BIN / "pg_ctl", "start", "-w", "-t", "60", "-D", data, "-l", log]
            + ["-o", shlex.join(options)]
        )
        try:
            self._as_postgres(
                [PG_BIN / "createdb", "-h", "127.0.0.1", "-p", self.ports.primary]
                + ["-U", "postgres", DATABASE]
            )
            env = {**self.env(), "QUOTIDIEN_VAR_DIR": str(building / "var")}
            # No replica, Redis or proxy yet: nothing to purge, nothing to share.
            for name in ("DATABASE_REPLICA_URL", "REDIS_URL", "FRONTEND_CACHE_VARNISH_URLS"):
                env.pop(name)
            quotidien = str(Path(sys.executable).parent / "quotidien")
            for command in (
                ["migrate", "--noinput", "-v0"],
                ["load_demo"],
                ["collectstatic", "--noinput", "-v0"],
                # The demo's background work (renditions, entities, search index), done
                # here once rather than by each cluster's worker, ahead of its purges.
                ["worker", "--batch"],
            ):
                self._run([quotidien, *command], env=env, log="site")
        finally:
            self._as_postgres([PG_BIN / "pg_ctl", "stop", "-D", data, "-m", "fast", "-w"])
        (building / "ready").touch()
        building.rename(snapshot)
        return snapshot

    def _pg_start(self, name: str, data: Path, port: int, options: list[str]) -> None:
        which = name.removeprefix("postgres-")
        command = [PG_BIN / "pg_ctl", "start", "-w", "-t", "60", "-D", data]
        command += ["-l", self.postgres_log(which), "-o", shlex.join(["-p", str(port), *options])]
        self._as_postgres(command)
        pid = (data / "postmaster.pid").read_text().split()[0]
        self._record(name, int(pid), str(data))

    def _prepare_site(self, *, fresh: bool) -> None:
        env = self.env()
        # The schema is written on the primary; the replica follows.
        env.pop("DATABASE_REPLICA_URL")
        manage = [sys.executable, str(ROOT / "manage.py")]
        if not fresh:
            self._run([*manage, "migrate", "--noinput", "-v0"], env=env, log="site")
            self._run([*manage, "collectstatic", "--noinput", "-v0"], env=env, log="site")
        # The site's address is Varnish's: the purges name it, as readers' requests do.
        code = (
            "from wagtail.models import Site\n"
            "site = Site.objects.get(is_default_site=True)\n"
            f"site.hostname, site.port = '127.0.0.1', {self.ports.varnish}\n"
            "site.save()"
        )
        self._run([*manage, "shell", "-c", code], env=env, log="site")

    def _probe_path(self) -> str:
        """/sante/, which checks the database, where the site has it; else the front page."""
        try:
            with urllib.request.urlopen(self.app_urls[0] + "/sante/", timeout=10):
                return "/sante/"
        except urllib.error.HTTPError as error:
            return "/sante/" if error.code == 503 else "/"
        except (urllib.error.URLError, OSError):
            return "/"

    def _start_varnish(self, probe: str) -> None:
        folder = self.folder / "varnish"
        folder.mkdir(exist_ok=True)
        (folder / "quotidien-backends.vcl").write_text(varnishd.backends(self.ports.apps, probe))
        self._spawn("varnish", varnishd.command(self.ports.varnish, folder))

    # -- Helpers ---------------------------------------------------------------------------

    def _as_postgres(self, command: list, *, check: bool = True) -> None:
        command = [str(part) for part in command]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        with self.log("postgres").open("a") as log:
            result = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT)
        if check and result.returncode:
            raise ClusterUnavailable(
                f"Échec de « {' '.join(command)} » (code {result.returncode}) : voir "
                f"{self.log('postgres')}."
            )

    def _run(self, command: list[str], *, env: dict, log: str) -> None:
        with self.log(log).open("a") as output:
            result = subprocess.run(
                command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
            )
        if result.returncode:
            raise ClusterError(
                f"Échec de « {' '.join(command[1:])} » (code {result.returncode}) : voir "
                f"{self.log(log)}."
            )

    def _spawn(self, name: str, command: list[str], *, env: dict | None = None) -> None:
        if env is not None:
            # Its connections carry its name (pg_stat_activity, the statements' log).
            env = {**env, "PGAPPNAME": f"quotidien-{name}"}
        with self.log(name).open("a") as output:
            # A session of its own, so that stopping it reaches its children (granian's
            # workers, varnishd's child) and nothing else.
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._record(name, process.pid)

    def _record(self, name: str, pid: int, *extra: str) -> None:
        with self.pids_file.open("a") as pids:
            pids.write("\t".join([name, str(pid), *extra]) + "\n")

    def _entries(self) -> list[list[str]]:
        if not self.pids_file.exists():
            return []
        return [line.split("\t") for line in self.pids_file.read_text().splitlines() if line]

    def _wait_http(self, url: str, what: str) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            dead = [name for name in self.running_expected() if name not in self.running()]
            if dead:
                machine = any(name.startswith(MACHINE_PROCESSES) for name in dead)
                raise (ClusterUnavailable if machine else ClusterError)(
                    f"{', '.join(dead)} s’est arrêté au démarrage : voir {self.folder / 'logs'}."
                )
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise ClusterError(f"{what} ne répond pas en 90 secondes ({url}).")

    def running_expected(self) -> list[str]:
        return [entry[0] for entry in self._entries() if not entry[0].startswith("postgres-")]


def snapshot_key() -> str:
    """What the demo site's snapshot depends on: the migrations, the demo, the static files
    and the installed packages."""
    digest = hashlib.sha256()
    package = ROOT / "quotidien"
    paths = [
        *package.glob("*/migrations/*.py"),
        *(package / "demo").rglob("*"),
        *package.glob("*/static/**/*"),
        *(package / "static").rglob("*"),
        ROOT / "pyproject.toml",
    ]
    for path in sorted(p for p in paths if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def default_cluster() -> Cluster:
    folder = Path(os.environ.get("CLUSTER_DIR") or ROOT / "var" / "cluster")
    return Cluster(
        folder,
        Ports.from_environment(),
        web_concurrency=int(os.environ.get("CLUSTER_WEB_CONCURRENCY") or 2),
        workers=int(os.environ.get("CLUSTER_WORKERS") or 1),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop"])
    args = parser.parse_args()
    cluster = default_cluster()
    if args.action == "stop":
        if not cluster.pids_file.exists():
            print(f"Aucune grappe lancée d’ici ({cluster.pids_file} absent).")
            return
        cluster.stop()
        print("Grappe arrêtée.")
        return
    if running := cluster.running():
        print(f"Une grappe tourne déjà ({', '.join(running)}) : `make cluster-stop` l’arrête.")
        return
    print(f"Démarrage de la grappe dans {cluster.folder} …")
    try:
        cluster.start()
    except ClusterError as error:
        raise SystemExit(f"La grappe n’a pas démarré : {error}") from None
    ports = cluster.ports
    print(
        f"Site (Varnish)        : {cluster.varnish_url}/\n"
        + "".join(f"Serveur d’application : {url}/\n" for url in cluster.app_urls)
        + f"PostgreSQL primaire   : {cluster.primary_url}\n"
        f"PostgreSQL réplique   : {cluster.replica_url}\n"
        f"Redis                 : {cluster.redis_url}\n"
        f"Journaux              : {cluster.folder / 'logs'}, {cluster.postgres_folder}\n"
        f"Administration        : {cluster.varnish_url}/admin/ (editeur / quotidien-editeur)\n"
        f"Ports : CLUSTER_VARNISH_PORT={ports.varnish}, CLUSTER_APP_PORTS="
        f"{','.join(map(str, ports.apps))}, CLUSTER_PRIMARY_PORT={ports.primary}, "
        f"CLUSTER_REPLICA_PORT={ports.replica}, CLUSTER_REDIS_PORT={ports.redis}.\n"
        "`make cluster-stop` arrête tout."
    )


if __name__ == "__main__":
    main()
