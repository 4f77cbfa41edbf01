"""`manage.py setup_newsroom`: front page, site, staff groups and review workflow."""

from django.conf import settings

from quotidien.commands import DataCommand
from quotidien.news.newsroom import (
    EDITORS,
    JOURNALISTS,
    MODERATION_LEADS,
    MODERATORS,
    SUBSCRIBER_SERVICE,
    ensure_newsroom,
    public_address,
)


class Command(DataCommand):
    help = (
        "Crée la page d’accueil, le site, les groupes de la rédaction et le circuit de relecture."
    )

    def handle(self, *args, **options):
        home = ensure_newsroom(site_name=settings.WAGTAIL_SITE_NAME, **public_address())
        self.stdout.write(f"Page d’accueil : « {home.title} ».")
        groups = [JOURNALISTS, EDITORS, MODERATORS, MODERATION_LEADS, SUBSCRIBER_SERVICE]
        self.stdout.write(f"Groupes : {', '.join(groups)}.")
