"""`manage.py load_demo`: the demo newsroom, idempotent."""

from quotidien.commands import DataCommand
from quotidien.demo.loader import load_demo
from quotidien.news.newsroom import public_address


class Command(DataCommand):
    help = (
        "Charge la rédaction de démonstration (rubriques, articles, photos, comptes, offres "
        "d’abonnement)."
    )

    def handle(self, *args, **options):
        report = load_demo(**public_address())
        self.stdout.write(f"Démo : {len(report.created)} éléments créés.")
        self.stdout.write("Comptes de démonstration (identifiant / mot de passe — rôle) :")
        for username, password, role in report.accounts:
            self.stdout.write(f"  {username} / {password} — {role}")
        for note in report.notes:
            self.stdout.write(note)
