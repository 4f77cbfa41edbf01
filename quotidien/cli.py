"""The `quotidien` console command: Django's management commands, `serve` (production) and
`worker` (background tasks)."""

import argparse
import os
import sys

WORKER_DESCRIPTION = """\
Exécute les tâches de fond du site (e-mails aux abonnés, réindexation d’une rubrique
déplacée, passage quotidien des abonnements) : elles attendent dans la base de données
jusqu’à ce qu’un worker les prenne. `make run` en lance un à côté du site ; en production,
faites tourner un ou plusieurs workers comme services (chacun prend une tâche à la fois,
jamais la même qu’un autre). Ctrl-C attend la fin de la tâche en cours.

Les purges des proxys et CDN devant le site (Varnish…) ont leur propre file, « purges » :
un worker lancé avec `--queues=purges` ne sert qu’elle, pour qu’une page périmée n’attende
jamais derrière une tâche longue (entités d’un article, formats d’une photo). `make run`
en lance un à côté du worker de toutes les files, qui passe aussi les purges en premier.

Les autres options de `db_worker` (django-tasks-db) sont transmises telles quelles :
`quotidien db_worker --help` les décrit.
"""


SERVE_HELP = """\
utilisation : quotidien serve [options de granian]

Sert le site en production : granian, DEBUG désactivé, fichiers statiques compressés
(lancez d’abord « quotidien migrate » et « quotidien collectstatic --noinput » ; le
serveur le dit et s’arrête sinon). Réglages lus dans l’environnement :

  HOST              adresse d’écoute (127.0.0.1 par défaut)
  PORT              port (8000 par défaut)
  WEB_CONCURRENCY   nombre de processus (un par processeur par défaut)

Les autres options sont transmises à granian et l’emportent sur celles-ci
(« python -m granian --help » les décrit, en anglais). Le README (« Configuration »,
« Beyond one machine ») dit le reste : proxy devant le site, HTTPS, journaux.
"""

# The console's own commands, beside Django's: `quotidien help` lists them too.
OWN_COMMANDS = """
[quotidien : serveur et tâches de fond]
    serve      (quotidien serve --help)
    worker     (quotidien worker --help)
"""


class _FrenchHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="utilisation : ")


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} : un nombre de secondes est attendu (ex. 1).")
    return seconds


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} : un nombre entier positif est attendu.")
    return int(value)


def worker_parser() -> argparse.ArgumentParser:
    """The options of `quotidien worker`, described in French."""
    parser = argparse.ArgumentParser(
        prog="quotidien worker",
        description=WORKER_DESCRIPTION,
        formatter_class=_FrenchHelpFormatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="Affiche cette aide et s’arrête.")
    parser.add_argument(
        "--interval",
        type=_seconds,
        default=1.0,
        help="Secondes d’attente quand aucune tâche n’attend (1 par défaut).",
    )
    parser.add_argument(
        "--queues",
        default="*",
        help="Files à traiter, séparées par des virgules (par défaut toutes : *).",
    )
    parser.add_argument(
        "--batch",
        action="store_true",
        help="Exécute les tâches en attente puis s’arrête (pour cron ou un test).",
    )
    parser.add_argument(
        "--max-tasks",
        type=_count,
        help="S’arrête après ce nombre de tâches (un superviseur le relance, mémoire neuve).",
    )
    return parser


def worker_command(argv: list[str]) -> list[str]:
    """The `db_worker` command line that `quotidien worker argv…` runs."""
    parser = worker_parser()
    options, others = parser.parse_known_args(argv)
    if unknown := _unknown_queues(options.queues, others):
        parser.error(f"file inconnue : « {unknown[0]} » (files : {', '.join(_queues())})")
    command = [
        "quotidien",
        "db_worker",
        f"--queue-name={options.queues}",
        f"--interval={options.interval}",
        # Reloading on code changes would cut a task short; restart the worker after a
        # deployment instead.
        "--no-reload",
    ]
    if options.batch:
        command.append("--batch")
    if options.max_tasks:
        command.append(f"--max-tasks={options.max_tasks}")
    if not any(other.startswith("--worker-id") for other in others):
        # Host and process: the next worker to start knows whether this one is gone.
        from .stalled_tasks import worker_id

        command.append(f"--worker-id={worker_id()}")
    return command + others


def _queues() -> list[str]:
    """The queues the default task backend accepts (none listed: any)."""
    from django.conf import settings

    return list(settings.TASKS.get("default", {}).get("QUEUES", ["default"]))


def _unknown_queues(queues: str, others: list[str]) -> list[str]:
    # A misspelt queue would leave its tasks to nobody while the worker waits in silence.
    # Another backend (`--backend`) lists queues of its own.
    names = queues.split(",")
    if "*" in names or any(other.startswith("--backend") for other in others):
        return []
    known = _queues()
    return [name for name in names if known and name not in known]


def _settings_or_exit() -> None:
    """Read the settings, or stop with the French line that says which one is wrong and
    what it expects (quotidien/settings/env.py), without a traceback: exit status 2."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018 (reads the settings module)
    except ImproperlyConfigured as error:
        print(f"Réglage incorrect : {error}", file=sys.stderr)
        sys.exit(2)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quotidien.settings")
    _settings_or_exit()
    if sys.argv[1:2] == ["help"] and sys.argv[2:3] in (["serve"], ["worker"]):
        sys.argv = [sys.argv[0], sys.argv[2], "--help"]
    if sys.argv[1:2] == ["serve"]:
        if any(option in ("-h", "--help") for option in sys.argv[2:]):
            return print(SERVE_HELP, end="")
        from .server import serve

        return serve(sys.argv[2:])
    from django.core.management import execute_from_command_line

    if sys.argv[1:] in ([], ["help"], ["-h"], ["--help"]):
        execute_from_command_line(sys.argv)
        return print(OWN_COMMANDS, end="")
    if sys.argv[1:2] == ["worker"]:
        command = worker_command(sys.argv[2:])
        import django

        from .stalled_tasks import requeue_stalled_tasks

        django.setup()
        requeue_stalled_tasks()
        return execute_from_command_line(command)
    execute_from_command_line(sys.argv)
