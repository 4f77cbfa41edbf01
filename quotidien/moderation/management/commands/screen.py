"""`quotidien screen FILE`: how the screening would treat a batch of comments."""

import json
import sys
from dataclasses import replace
from datetime import timedelta

from django.core.management.base import CommandError
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from quotidien.commands import DataCommand, file_error_in_french
from quotidien.moderation.classifier.rule import configured_rule
from quotidien.moderation.screening import (
    HOLD,
    PUBLISH,
    Context,
    Thresholds,
    decide,
    screen_comment,
)
from quotidien.moderation.wordlists import current_word_lists

DECISIONS = {PUBLISH: "published", HOLD: "held"}


class Command(DataCommand):
    help = (
        'Passe au filtrage chaque commentaire de FICHIER (lignes JSON {"id", "text"} ou un '
        "commentaire par ligne ; - pour l’entrée standard) comme s’il venait d’un lecteur "
        "établi, et écrit une ligne JSON par commentaire : id, decision (published, held, "
        "refused), score du classifieur, reasons."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FICHIER")
        parser.add_argument("--hold", type=float, help="seuil de mise en attente à essayer")
        parser.add_argument("--refuse", type=float, help="seuil de refus à essayer")
        parser.add_argument(
            "--new-account",
            action="store_true",
            help="filtrer comme le premier commentaire d’un compte ouvert il y a une heure",
        )

    def handle(self, *args, file, hold, refuse, new_account, **options):
        translation.activate("fr")
        rule = configured_rule()
        hold = rule.hold if hold is None else hold
        refuse = rule.refuse if refuse is None else refuse
        for name, value in (("--hold", hold), ("--refuse", refuse)):
            if not 0 <= value <= 1:
                raise CommandError(
                    _("%(option)s : une probabilité entre 0 et 1, pas %(value)s.")
                    % {"option": name, "value": number_format(value)}
                )
        if refuse < hold:
            raise CommandError(
                _(
                    "--refuse (%(refuse)s) doit être au moins égal à --hold (%(hold)s) : on ne "
                    "refuse pas ce qu’on publierait."
                )
                % {"refuse": number_format(refuse), "hold": number_format(hold)}
            )
        context = Context.established(
            word_lists=current_word_lists(), thresholds=Thresholds(hold=hold, refuse=refuse)
        )
        if new_account:
            context = replace(context, published_comments=0, account_age=timedelta(hours=1))
        for number, line in self._lines(file):
            outcome = self._screen(number, line, context, rule)
            self.stdout.write(json.dumps(outcome, ensure_ascii=False))

    def _lines(self, file):
        try:
            stream = sys.stdin if file == "-" else open(file, encoding="utf-8")
        except OSError as error:
            raise CommandError(
                _("Impossible de lire %(file)s : %(why)s.")
                % {"file": file, "why": file_error_in_french(error)}
            ) from error
        with stream:
            try:
                for number, line in enumerate(stream, 1):
                    if line.strip():
                        yield number, line.rstrip("\n")
            except UnicodeDecodeError as error:
                raise CommandError(
                    _("%(file)s n’est pas un texte UTF-8 (%(why)s).")
                    % {"file": file, "why": error.reason}
                ) from error

    @staticmethod
    def _screen(number: int, line: str, context, rule) -> dict:
        """One output line: the decision on line `number`, or why it could not be read."""
        identifier, text = number, line
        if line.lstrip().startswith("{"):
            try:
                record = json.loads(line)
                identifier, text = record.get("id", number), record["text"]
            except (ValueError, KeyError, AttributeError):
                text = None
            if not isinstance(text, str):
                return {
                    "line": number,
                    "error": _(
                        'Ligne %(n)d : un objet JSON avec un champ "text" (une chaîne) est attendu.'
                    )
                    % {"n": number},
                }
        if not text.strip():
            return {"line": number, "id": identifier, "error": _("Commentaire vide.")}
        findings = screen_comment(text, context)
        score = next((f.score for f in findings if f.rule == rule.code), None)
        if score is None:
            try:
                score = round(rule.model.score(text, explain=0).harm, 3)
            except Exception:  # the screening above logged it and went on without it
                score = None
        return {
            "id": identifier,
            "decision": DECISIONS.get(decide(findings), "refused"),
            "score": score,
            "reasons": [f.reason for f in findings],
        }
