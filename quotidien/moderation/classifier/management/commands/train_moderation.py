"""`quotidien train_moderation`: a new version of the comment classifier."""

from django.core.management.base import CommandError
from django.utils import translation

from quotidien.commands import DataCommand

from ... import retraining, training
from ...report import describe
from ...rule import configured_rule


class Command(DataCommand):
    help = (
        "Réentraîne le classifieur des commentaires sur le corpus livré et les décisions des "
        "modérateurs, l’évalue sur la part de test figée et le met en service s’il n’est pas "
        "moins bon que la version en service."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="mettre en service même s’il est moins bon"
        )
        parser.add_argument(
            "--corpus-only",
            metavar="FICHIER",
            help="entraîner sur le seul corpus livré et écrire le modèle dans FICHIER, "
            "sans rien changer en base (c’est ainsi qu’est construit le modèle livré)",
        )
        parser.add_argument(
            "--bits",
            type=int,
            default=training.DEFAULT_BITS,
            help=f"Taille de la table des traits, en puissance de 2 ({training.DEFAULT_BITS} "
            "par défaut) : à changer pour un essai, le modèle livré est fait ainsi.",
        )
        parser.add_argument(
            "--C",
            type=float,
            default=training.DEFAULT_C,
            dest="C",
            help=f"Inverse de la régularisation de la régression logistique "
            f"({training.DEFAULT_C} par défaut) : plus grand, le modèle colle plus au corpus.",
        )

    def handle(self, *args, force, corpus_only, bits, C, **options):
        translation.activate("fr")
        rule = configured_rule()
        if corpus_only:
            return self._corpus_only(corpus_only, bits=bits, C=C, hold=rule.hold)
        try:
            version = retraining.retrain(hold=rule.hold, force=force, bits=bits, C=C)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(describe(version.report))
        self.stdout.write(f"Version {version.pk} : {version.note}")

    def _corpus_only(self, path: str, *, bits: int, C: float, hold: float) -> None:
        train, test = retraining.examples(with_decisions=False)
        model = training.fit(train, bits=bits, C=C, meta={"source": "corpus"})
        report = {"hold": hold, "new": retraining.measure(model=model, test=test, hold=hold)}
        model.meta["report"] = report["new"]
        with open(path, "wb") as file:
            file.write(model.to_bytes())
        self.stdout.write(describe(report))
        self.stdout.write(f"Modèle écrit dans {path}.")
