"""`quotidien import_wires <fichier-ou-dossier>`: import agency wires, once or as they arrive.

Its exit status tells a cron job or a supervisor what happened: 0 when no item failed, 1 when
one or more did (the summary names them, with their reasons), 2 when nothing was imported
because the path, the agency or the section given does not exist (or the section is not on
the site), or an option is wrong.
"""

import math
import time
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quotidien.commands import DataCommand
from quotidien.ingest.importer import (
    ItemResult,
    WireImporter,
    import_files,
    import_path,
    wire_files,
)
from quotidien.ingest.mapping import section_named
from quotidien.ingest.models import AgencyFeed, ImportReportLine
from quotidien.news.models import Agency

Outcome = ImportReportLine.Outcome
# A file written less than this long ago may still be being copied in: wait for the next look.
SETTLE_SECONDS = 1.0
EXIT_FAILED_ITEMS = 1
EXIT_NOTHING_IMPORTED = 2
# The summary's counts, in this order.
SUMMARY = (
    (Outcome.CREATED, gettext_lazy("%(count)s créée(s)")),
    (Outcome.UPDATED, gettext_lazy("%(count)s révisée(s)")),
    (Outcome.UNCHANGED, gettext_lazy("%(count)s inchangée(s)")),
    (Outcome.PUBLISHED, gettext_lazy("%(count)s brouillon(s) publié(s)")),
    (Outcome.WITHDRAWN, gettext_lazy("%(count)s retirée(s)")),
    (Outcome.SKIPPED, gettext_lazy("%(count)s ignorée(s)")),
    (Outcome.FAILED, gettext_lazy("%(count)s en échec")),
)


def seconds_between_rounds(value: str | float) -> float:
    """The --interval given, in seconds: a finite number above zero ("0,5" as well as "0.5")."""
    try:
        seconds = float(str(value).strip().replace(",", "."))
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise CommandError(
            _(
                "--interval : « %(value)s » n’est pas un nombre de secondes positif ; donnez par "
                "exemple 5 ou 0,5."
            )
            % {"value": value},
            returncode=EXIT_NOTHING_IMPORTED,
        )
    return seconds


class Command(DataCommand):
    help = (
        "Importe des dépêches ninjs (JSON) ou NewsML-G2 (XML) : un fichier ou un dossier "
        "(sous-dossiers compris). Réimporter ne crée rien ; une version plus récente révise "
        "l’article ; un article publié garde les dates de la dépêche. Statut de sortie : 0 "
        "si aucune dépêche n’a échoué, 1 si au moins une a échoué (le résumé les nomme avec "
        "leur motif ; avec --watch, à la fin de la surveillance), 2 si rien n’a été importé "
        "(chemin, agence ou rubrique inconnus)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Fichier ou dossier de dépêches.")
        parser.add_argument(
            "--agency",
            help="Identifiant (slug) de l’agence, si les dépêches ne la nomment pas.",
        )
        parser.add_argument(
            "--section",
            help=(
                "Rubrique (chemin « monde/syrie » ou identifiant) des dépêches qu’aucune "
                "correspondance de sujet ne classe, à la place de la rubrique par défaut du fil."
            ),
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=(
                "Publier ce qui est importé, quoi que dise le fil de l’agence (import "
                "d’archives) ; les brouillons déjà importés de ces dépêches sont publiés aussi."
            ),
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Importer en brouillon, quoi que dise le fil de l’agence.",
        )
        parser.add_argument(
            "--watch",
            action="store_true",
            help=(
                "Surveiller le dossier et importer chaque nouvelle dépêche (Ctrl-C pour finir) ; "
                "une dépêche en échec n’arrête pas la surveillance."
            ),
        )
        parser.add_argument(
            "--interval",
            default="5",
            help="Avec --watch : secondes entre deux passages (5 par défaut).",
        )
        parser.add_argument(
            "--max-rounds", type=int, default=0, help="Avec --watch : s’arrêter après N passages."
        )

    def handle(
        self, *args, path, agency, section, publish, draft, watch, interval, max_rounds, **options
    ):
        if publish and draft:
            raise CommandError(
                _("--publish et --draft s’excluent : choisissez l’un ou l’autre."),
                returncode=EXIT_NOTHING_IMPORTED,
            )
        if watch:
            interval = seconds_between_rounds(interval)
        if max_rounds < 0:
            raise CommandError(
                _(
                    "--max-rounds : « %(rounds)s » n’est pas un nombre de passages (0, le "
                    "défaut, pour ne pas s’arrêter)."
                )
                % {"rounds": max_rounds},
                returncode=EXIT_NOTHING_IMPORTED,
            )
        target = Path(path)
        if not target.exists():
            raise CommandError(
                _("« %(path)s » n’existe pas : donnez un fichier ou un dossier.") % {"path": path},
                returncode=EXIT_NOTHING_IMPORTED,
            )
        found = None
        if agency:
            found = Agency.objects.filter(slug=agency).first()
            if found is None:
                known = ", ".join(Agency.objects.values_list("slug", flat=True)) or _("aucune")
                raise CommandError(
                    _("Agence « %(agency)s » inconnue (agences : %(known)s).")
                    % {"agency": agency, "known": known},
                    returncode=EXIT_NOTHING_IMPORTED,
                )
        options = {"agency": found, "section": None, "arrival": None}
        if section is not None:
            try:
                options["section"] = section_named(name=section)
            except ValidationError as error:
                raise CommandError(error.messages[0], returncode=EXIT_NOTHING_IMPORTED) from None
        if publish or draft:
            options["arrival"] = AgencyFeed.Arrival.PUBLISH if publish else AgencyFeed.Arrival.DRAFT
        if watch:
            if not target.is_dir():
                raise CommandError(
                    _("--watch surveille un dossier, pas un fichier."),
                    returncode=EXIT_NOTHING_IMPORTED,
                )
            failed = self.watch(target, interval=interval, max_rounds=max_rounds, **options)
            if failed:
                raise CommandError(
                    _(
                        "%(failed)s dépêche(s) en échec pendant la surveillance : voir ci-dessus "
                        "ou Dépêches > Rapports d’import."
                    )
                    % {"failed": failed},
                    returncode=EXIT_FAILED_ITEMS,
                )
            return
        run = import_path(path=target, **options)
        self.report(run)
        if failed := run.report.failed:
            raise CommandError(
                _(
                    "%(failed)s dépêche(s) en échec sur %(count)s : voir ci-dessus ou le rapport "
                    "n° %(report)s (Dépêches > Rapports d’import)."
                )
                % {"failed": failed, "count": len(run.results), "report": run.report.pk},
                returncode=EXIT_FAILED_ITEMS,
            )

    def watch(self, folder: Path, *, interval: float, max_rounds: int, **options) -> int:
        """Import new files until stopped; how many items failed meanwhile."""
        seen: dict[Path, tuple[int, int]] = {}
        rounds = failed = 0
        self.stderr.write(
            _("Surveillance de %(folder)s (toutes les %(seconds)s s)…")
            % {"folder": folder, "seconds": f"{interval:g}".replace(".", ",")}
        )
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
                    run = import_files(folder=folder, files=fresh, **options)
                    self.report(run)
                    failed += run.report.failed
                if max_rounds and rounds >= max_rounds:
                    return failed
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stderr.write(_("Surveillance arrêtée."))
        return failed

    def report(self, run: WireImporter) -> None:
        """What each item became, then the counts and the failures with their reasons."""
        if not run.results:
            self.stdout.write(
                _("Aucune dépêche dans « %(source)s » : rien à importer.")
                % {"source": run.report.source}
            )
            return
        self.show(run.results)
        self.summary(run)

    def show(self, results: list[ItemResult]) -> None:
        for result in results:
            if result.outcome not in {Outcome.UNCHANGED, Outcome.FAILED}:
                self.stdout.write(
                    self.line(result.item, Outcome(result.outcome).label, result.message)
                )
            for warning in result.warnings:
                self.stderr.write(
                    self.style.WARNING(self.line(result.item, _("avertissement"), warning))
                )

    def summary(self, run: WireImporter) -> None:
        counts = Counter(result.outcome for result in run.results)
        self.stdout.write(
            _("Rapport n° %(report)s : %(counts)s.")
            % {
                "report": run.report.pk,
                "counts": ", ".join(
                    label % {"count": counts[outcome]} for outcome, label in SUMMARY
                ),
            }
        )
        label = Outcome.FAILED.label
        for result in run.results:
            if result.outcome == Outcome.FAILED:
                self.stderr.write(self.style.ERROR(self.line(result.item, label, result.message)))

    @staticmethod
    def line(item: str, label: str, message: str) -> str:
        """One item's line: what it is, what became of it, why."""
        return _("%(item)s — %(label)s : %(message)s") % {
            "item": item,
            "label": label,
            "message": message,
        }
