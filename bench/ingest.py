"""Importing agency wires: 10,000 ninjs items into a database of their own, then again.

Writes N ninjs items (1.x and 2.x, half a dozen paragraphs each) into a scratch folder,
imports them with the real importer (articles published at once, the costliest setting),
and reports items per second. The reference, measured in the same run on the same files,
is reading and parsing them only (what the importer does before touching the database):
the ratio says what storing an article costs over reading it. A second import of the same
folder must create nothing; its speed is reported too.

    make bench-ingest ARGS="--items 10000 [--database-url postgres://…/quotidien_bench_ingest]"

By default the database is a fresh SQLite file under /tmp, never var/quotidien.sqlite3; a
PostgreSQL database given instead must have "bench" in its name: it is dropped and created anew.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import percentile, setup_django

PARAGRAPH = (
    "Le conseil municipal a examiné mardi soir le projet numéro {n}, qui prévoit de "
    "rénover les trottoirs du quartier et d’y planter une centaine d’arbres d’ici l’été."
)
SUBJECTS = ["medtop:20000349", "medtop:01000000", "medtop:11000000", "medtop:20000420"]


def write_items(folder: Path, count: int) -> None:
    """N original ninjs items, alternating versions 1.x and 2.x."""
    for n in range(count):
        paragraphs = [PARAGRAPH.format(n=n + k) for k in range(6)]
        if n % 2:
            item = {
                "uri": f"urn:banc:{n:06d}",
                "version": "1",
                "versioncreated": "2024-05-02T08:00:00Z",
                "headline": f"Dépêche d’essai numéro {n} : le quartier se met au vert",
                "description_text": f"Résumé de la dépêche {n}.",
                "subject": [{"code": SUBJECTS[n % 4]}],
                "body_html": "".join(f"<p>{text}</p>" for text in paragraphs[:3])
                + "<h2>Calendrier</h2>"
                + "".join(f"<p>{text}</p>" for text in paragraphs[3:]),
            }
        else:
            item = {
                "uri": f"urn:banc:{n:06d}",
                "version": "1",
                "headlines": [{"role": "main", "value": f"Essai {n} : nouvelles lignes de bus"}],
                "descriptions": [{"role": "summary", "value": f"Résumé {n}."}],
                "subjects": [{"uri": SUBJECTS[n % 4]}],
                "bodies": [{"contenttype": "text/plain", "value": "\n\n".join(paragraphs)}],
            }
        (folder / f"{n:06d}.json").write_text(json.dumps(item, ensure_ascii=False))


def prepare():
    from django.core.management import call_command

    from quotidien.ingest.models import AgencyFeed
    from quotidien.news.models import Agency, SectionPage
    from quotidien.news.newsroom import ensure_newsroom

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # database caches, where settings use one
    home = ensure_newsroom(site_name="Quotidien")
    section = SectionPage.objects.filter(slug="depeches").first()
    if section is None:
        section = home.add_child(instance=SectionPage(title="Dépêches", slug="depeches"))
        section.save_revision().publish()
    agency, _ = Agency.objects.get_or_create(
        slug="banc", defaults={"name": "Agence du banc d’essai", "short_name": "BANC"}
    )
    AgencyFeed.objects.update_or_create(
        agency=agency,
        defaults={"arrival": AgencyFeed.Arrival.PUBLISH, "default_section": section},
    )
    return agency


def fresh_postgres_database(url: str) -> None:
    """Drop and create the benchmark's own PostgreSQL database, so each run starts empty."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"Refusé : la base « {name} » sera vidée ; donnez une base de banc d’essai.")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def parse_only(files: list[Path]) -> float:
    """Seconds to read and parse every file, as the importer does before the database."""
    from quotidien.ingest.formats import read_wire

    start = time.perf_counter()
    for path in files:
        for story in read_wire(path.read_bytes(), source=path.name):
            story.content_hash()
    return time.perf_counter() - start


def import_all(files: list[Path], agency, source: str):
    """Import file by file; returns the finished report and each file's seconds."""
    from quotidien.ingest.importer import WireImporter

    importer = WireImporter(source=source, agency=agency)
    timings = []
    for path in files:
        start = time.perf_counter()
        importer.import_file(path)
        timings.append(time.perf_counter() - start)
    return importer.finish(), timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--database-url", help="default: a fresh SQLite file under /tmp")
    args = parser.parse_args()

    if args.database_url and "var/quotidien.sqlite3" in args.database_url:
        sys.exit("Refusé : le banc d’essai ne touche pas à la base du site.")
    scratch = Path(tempfile.mkdtemp(prefix="quotidien-bench-ingest-"))
    try:
        database_url = args.database_url or f"sqlite:///{scratch / 'bench.sqlite3'}"
        if database_url.startswith("postgres"):
            fresh_postgres_database(database_url)
        os.environ["QUOTIDIEN_VAR_DIR"] = str(scratch / "var")
        os.environ.setdefault("SECRET_KEY", "banc-d-essai-des-depeches")
        setup_django(database_url)
        from quotidien.news.models import ArticlePage

        agency = prepare()
        folder = scratch / "wires"
        folder.mkdir()
        write_items(folder, args.items)
        files = sorted(folder.glob("*.json"))
        before = ArticlePage.objects.count()

        parsing = parse_only(files)
        first_start = time.perf_counter()
        first, first_timings = import_all(files, agency, "banc 1")
        first_seconds = time.perf_counter() - first_start
        created = ArticlePage.objects.count() - before
        second_start = time.perf_counter()
        second, second_timings = import_all(files, agency, "banc 2")
        second_seconds = time.perf_counter() - second_start

        assert first.failed == 0, f"{first.failed} dépêches en échec au premier import"
        assert first.created == created == len(files), (first.created, created, len(files))
        assert second.created == second.updated == second.failed == 0, "le 2e import a écrit"
        assert second.unchanged == len(files)
        assert ArticlePage.objects.count() - before == created

        def rate(seconds: float) -> float:
            return len(files) / seconds

        engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
        print(f"Dépêches ninjs importées : {len(files)} ({engine}, articles publiés aussitôt)")
        print(f"  référence, lecture + analyse seules : {rate(parsing):10.0f} dépêches/s")
        print(
            f"  1er import (création)               : {rate(first_seconds):10.1f} dépêches/s "
            f"= {rate(first_seconds) / rate(parsing):.4f} × la référence ; par dépêche "
            f"p50 {percentile(first_timings, 0.5) * 1000:.1f} ms, "
            f"p95 {percentile(first_timings, 0.95) * 1000:.1f} ms"
        )
        print(
            f"  2e import (rien à créer)            : {rate(second_seconds):10.1f} dépêches/s "
            f"= {rate(second_seconds) / rate(parsing):.3f} × la référence ; par dépêche "
            f"p50 {percentile(second_timings, 0.5) * 1000:.2f} ms, "
            f"p95 {percentile(second_timings, 0.95) * 1000:.2f} ms"
        )
        print(f"  2e import : {second.created} créée, {second.unchanged} inchangées (attendu)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
