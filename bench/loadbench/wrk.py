"""wrk: its Lua scripts, its runs, and the reading of its output."""

import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from loadbench import POST_PREFIX

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
