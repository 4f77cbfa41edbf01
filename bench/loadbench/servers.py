"""The processes under load: the production server (granian), nginx, and a sampler of
the server workers' memory."""

import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

from common import ROOT

from loadbench import SERVER_PYTHON


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
