"""`quotidien import_wires <fichier-ou-dossier>`: import agency wires, once or as they arrive."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quotidien.ingest.importer import ItemResult, import_files, import_path, wire_files
from quotidien.ingest.models import ImportReportLine
from quotidien.news.models import Agency

Outcome = ImportReportLine.Outcome
# A file written less than this long ago may still be being copied in: wait for the next look.
SETTLE_SECONDS = 1.0


class Command(BaseCommand):
    help = (
        "Importe des dépêches ninjs (JSON) ou NewsML-G2 (XML) : un fichier ou un dossier "
        "(sous-dossiers compris). Réimporter ne crée rien ; une version plus récente révise "
        "l’article."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Fichier ou dossier de dépêches.")
        parser.add_argument(
            "--agency",
            help="Identifiant (slug) de l’agence, si les dépêches ne la nomment pas.",
        )
        parser.add_argument(
            "--watch",
            action="store_true",
            help="Surveiller le dossier et importer chaque nouvelle dépêche (Ctrl-C pour finir).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Avec --watch : secondes entre deux passages (5 par défaut).",
        )
        parser.add_argument(
            "--max-rounds", type=int, default=0, help="Avec --watch : s’arrêter après N passages."
        )

    def handle(self, *args, path, agency, watch, interval, max_rounds, **options):
        target = Path(path)
        if not target.exists():
            raise CommandError(f"« {path} » n’existe pas : donnez un fichier ou un dossier.")
        found = None
        if agency:
            found = Agency.objects.filter(slug=agency).first()
            if found is None:
                known = ", ".join(Agency.objects.values_list("slug", flat=True)) or "aucune"
                raise CommandError(f"Agence « {agency} » inconnue (agences : {known}).")
        if watch:
            if not target.is_dir():
                raise CommandError("--watch surveille un dossier, pas un fichier.")
            self.watch(target, agency=found, interval=interval, max_rounds=max_rounds)
            return
        run = import_path(path=target, agency=found)
        self.show(run.results)
        self.summary(run.report)

    def watch(self, folder: Path, *, agency, interval: float, max_rounds: int) -> None:
        seen: dict[Path, tuple[int, int]] = {}
        rounds = 0
        self.stderr.write(f"Surveillance de {folder} (toutes les {interval:g} s)…")
        try:
            while True:
                rounds += 1
                now = time.time()
                fresh = []
                for file in wire_files(folder):
                    try:
                        stat = file.stat()
                    except OSError:
                        continue
                    signature = (stat.st_mtime_ns, stat.st_size)
                    if seen.get(file) == signature or now - stat.st_mtime < SETTLE_SECONDS:
                        continue
                    seen[file] = signature
                    fresh.append(file)
                if fresh:
                    run = import_files(folder=folder, files=fresh, agency=agency)
                    self.show(run.results)
                    self.summary(run.report)
                if max_rounds and rounds >= max_rounds:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stderr.write("Surveillance arrêtée.")

    def show(self, results: list[ItemResult]) -> None:
        for result in results:
            if result.outcome == Outcome.UNCHANGED:
                continue
            label = Outcome(result.outcome).label
            line = f"{result.item} — {label} : {result.message}"
            if result.outcome == Outcome.FAILED:
                self.stderr.write(self.style.ERROR(line))
            else:
                self.stdout.write(line)
            for warning in result.warnings:
                self.stderr.write(self.style.WARNING(f"{result.item} — avertissement : {warning}"))

    def summary(self, report) -> None:
        self.stdout.write(
            f"Rapport n° {report.pk} : {report.created} créée(s), {report.updated} révisée(s), "
            f"{report.unchanged} inchangée(s), {report.withdrawn} retirée(s), "
            f"{report.failed} en échec."
        )
