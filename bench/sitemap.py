"""Time and peak memory to produce the whole sitemap (index and every chunk) of a large archive.

    make bench-sitemap                          # 100,000 articles
    make bench-sitemap ARGS="--articles 1000000"
    make bench-sitemap ARGS="--database-url postgres://postgres@127.0.0.1:5432/quotidien_bench"

The archive is generated once (quotidien.demo.corpus) into its own database:
by default var/bench/sitemap-<N>.sqlite3, never the demo's var/quotidien.sqlite3;
it is kept and reused by later runs (--fresh regenerates it). A database given by
--database-url must be a scratch one: articles are added to it until it holds N.

Each measure runs in a fresh process, so that its peak RSS is its own:

- reference: a bare ``SELECT id, url_path, last_published_at`` over every page,
  all rows fetched with the same driver, which is what a naive sitemap starts with;
- sitemap: the index and every chunk rendered through the site's views, as a
  crawler would ask for them.

Figures: wall time, peak RSS (absolute, and its growth over the process once
Django is set up), and the ratios sitemap / reference. The aim is a flat peak
(under 200 MB) whatever the size of the archive: a chunk holds at most 50,000
URLs, and chunks are produced one at a time.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, setup_django  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
MEASURES = ("reference", "sitemap")


def peak_rss_mb() -> float:
    """This process's peak resident memory, in MB."""
    # VmHWM is this program's own high-water mark; ru_maxrss may carry the parent's over exec.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(database_url: str, articles: int) -> int:
    """Migrate the benchmark database and fill it up to `articles` live articles."""
    setup_django(database_url)
    from django.core.management import call_command

    from quotidien.demo.corpus import generate_corpus
    from quotidien.news.models import ArticlePage

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    existing = ArticlePage.objects.live().count()
    if existing < articles:
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            print(f"\r  corpus: {existing + done:,}/{articles:,}", end="", file=sys.stderr)

        generate_corpus(articles=articles - existing, seed=existing, progress=progress)
        print(f"  ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return ArticlePage.objects.live().count()


def measure_reference() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id, url_path, last_published_at FROM wagtailcore_page")
        rows = cursor.fetchall()
    return {"urls": len(rows)}


def measure_sitemap() -> dict:
    from django.test import RequestFactory
    from lxml import etree

    from quotidien.links import site_url
    from quotidien.syndication import views

    factory = RequestFactory(HTTP_HOST="localhost")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

    def fetch(view, path: str, **kwargs) -> bytes:
        response = view(factory.get(path), **kwargs)
        if hasattr(response, "render"):
            response.render()
        assert response.status_code == 200, (path, response.status_code)
        return response.content

    index = fetch(views.sitemap_index, "/sitemap.xml")
    chunks = etree.fromstring(index).xpath("//s:sitemap/s:loc/text()", namespaces=ns)
    total_bytes, urls, chunk_peaks = len(index), 0, []
    for location in chunks:
        path = location.removeprefix(site_url())
        section = path.split("?")[0].removeprefix("/sitemap-").removesuffix(".xml")
        content = fetch(views.sitemap_section, path, section=section)
        total_bytes += len(content)
        urls += content.count(b"<url>")
        chunk_peaks.append(round(peak_rss_mb(), 1))
        del content
    return {"urls": urls, "bytes": total_bytes, "chunks": len(chunks), "chunk_peaks": chunk_peaks}


def run_measure(name: str, database_url: str) -> dict:
    """Run one measure in this process and return its figures."""
    setup_django(database_url)
    from django.db import connection

    connection.ensure_connection()
    baseline = peak_rss_mb()
    started = time.perf_counter()
    figures = {"reference": measure_reference, "sitemap": measure_sitemap}[name]()
    figures["seconds"] = time.perf_counter() - started
    figures["peak_mb"] = peak_rss_mb()
    figures["growth_mb"] = figures["peak_mb"] - baseline
    return figures


def in_subprocess(name: str, database_url: str, *options: str) -> dict:
    """Run a measure (or the preparation) in a fresh process, so that its memory is its own."""
    result = subprocess.run(
        [sys.executable, __file__, "--measure", name, "--database-url", database_url, *options],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "quotidien.settings"},
    )
    if result.returncode:
        sys.exit(f"The {name} step failed (see above).")
    return json.loads(result.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--database-url", help="a scratch database (default: a SQLite file)")
    parser.add_argument("--fresh", action="store_true", help="regenerate the SQLite archive")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measure (best kept)")
    parser.add_argument("--measure", choices=("prepare", *MEASURES), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure == "prepare":
        print(json.dumps({"articles": prepare(args.database_url, args.articles)}))
        return
    if args.measure:
        print(json.dumps(run_measure(args.measure, args.database_url)))
        return

    database_url = args.database_url
    if not database_url:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        path = BENCH_DIR / f"sitemap-{args.articles}.sqlite3"
        if args.fresh:
            for leftover in BENCH_DIR.glob(f"{path.name}*"):
                leftover.unlink()
        database_url = f"sqlite:///{path}"
    elif "var/quotidien.sqlite3" in database_url:
        sys.exit("Refusing to fill the demo database: give a scratch database.")

    articles = in_subprocess("prepare", database_url, "--articles", str(args.articles))["articles"]
    results = {
        name: min(
            (in_subprocess(name, database_url) for _run in range(args.repeat)),
            key=lambda figures: figures["seconds"],
        )
        for name in MEASURES
    }
    reference, sitemap = results["reference"], results["sitemap"]
    engine = database_url.split(":", 1)[0]
    print(f"Sitemap of {articles:,} live articles ({engine})")
    print(f"  reference: {reference['urls']:,} rows in {reference['seconds']:.2f} s, ", end="")
    print(f"peak RSS {reference['peak_mb']:.0f} MB (+{reference['growth_mb']:.0f} MB)")
    print(f"  sitemap:   {sitemap['urls']:,} URLs in {sitemap['chunks']} chunks, ", end="")
    print(f"{sitemap['bytes'] / 1e6:.1f} MB of XML in {sitemap['seconds']:.2f} s, ", end="")
    print(f"peak RSS {sitemap['peak_mb']:.0f} MB (+{sitemap['growth_mb']:.0f} MB)")
    print(f"  peak RSS after each chunk (MB): {sitemap['chunk_peaks']}")
    print(
        f"  ratios sitemap / reference: time {sitemap['seconds'] / reference['seconds']:.1f}, "
        f"peak RSS {sitemap['peak_mb'] / reference['peak_mb']:.2f}, "
        f"RSS growth {sitemap['growth_mb'] / max(reference['growth_mb'], 0.1):.2f}"
    )
    print(f"  aim: peak RSS under 200 MB -> {'met' if sitemap['peak_mb'] < 200 else 'NOT met'}")


if __name__ == "__main__":
    main()
