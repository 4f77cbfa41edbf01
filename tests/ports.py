"""A free TCP port on the loopback for the servers the tests start, and waiting for them."""

import socket
import subprocess
import time

import requests


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(base: str, server: subprocess.Popen, seconds: float) -> None:
    """Wait until the server at `base` answers, failing if it dies or takes `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            requests.get(base + "/", timeout=10)
            return
        except requests.RequestException:
            assert server.poll() is None and time.monotonic() < deadline, "no server"
            time.sleep(0.1)
