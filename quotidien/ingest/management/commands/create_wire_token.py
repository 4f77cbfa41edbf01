"""`quotidien create_wire_token <agence>`: a token an agency uses to push wires to the API."""

from django.core.management.base import CommandError

from quotidien.commands import DataCommand
from quotidien.french.typography import of_name
from quotidien.ingest.tokens import create_wire_token, revoke_wire_tokens
from quotidien.news.models import Agency


class Command(DataCommand):
    help = (
        "Crée un jeton pour qu’une agence envoie ses dépêches à POST /api/v1/wires/ "
        "(affiché une seule fois ; seule son empreinte est gardée)."
    )

    def add_arguments(self, parser):
        parser.add_argument("agency", help="Identifiant (slug) de l’agence.")
        parser.add_argument("--label", default="", help="Libellé du jeton (ex. « serveur ALP »).")
        parser.add_argument(
            "--revoke",
            action="store_true",
            help="Révoquer d’abord tous les jetons en service de l’agence.",
        )

    def handle(self, *args, agency, label, revoke, **options):
        found = Agency.objects.filter(slug=agency).first()
        if found is None:
            known = ", ".join(Agency.objects.values_list("slug", flat=True)) or "aucune"
            raise CommandError(f"Agence « {agency} » inconnue (agences : {known}).")
        if revoke:
            count = revoke_wire_tokens(agency=found)
            self.stderr.write(f"{count} jeton(s) révoqué(s) pour {found.name}.")
        token, _record = create_wire_token(agency=found, label=label)
        self.stderr.write(
            f"Jeton {of_name(found.name)} (à transmettre à l’agence, il ne sera plus affiché) :"
        )
        self.stdout.write(token)
