"""An evaluation report in words, for the console and the back office."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from quotidien.moderation.models import RefusalReason


def percent(value: float) -> str:
    """ "9,3 %" for 0.0929: rounded, as number_format alone would cut it to "9,2 %"."""
    return f"{number_format(round(value * 100, 1), 1)} %"


def figure(values: dict) -> str:
    """ "87,2 % (82,1 % – 91,0 %, 123/141)", or a dash when there is nothing to show."""
    if not values:
        return "—"
    return (
        f"{percent(values['value'])} ({percent(values['low'])} – {percent(values['high'])}, "
        f"{values['k']}/{values['n']})"
    )


def describe(report: dict) -> str:
    """The report of a training as lines of text: the lines of `report_rows`, for the new
    version and, when there is one, the version it was measured against."""
    lines = [_("Seuil de mise en attente : %(hold)s") % {"hold": number_format(report["hold"], 2)}]
    for key, title in (("new", _("Nouvelle version")), ("current", _("Version en service"))):
        if key in report:
            lines.append(f"{title} :")
            rows = report_rows(report[key])
            lines += [f"  {label} : {figure(values)}" for label, values, _current in rows]
    return "\n".join(lines)


def report_rows(new: dict, current: dict | None = None) -> list[tuple[str, dict, dict]]:
    """The lines of an evaluation table: recall, acceptable held, then recall per kind of
    harm under its name in the charter, each for a version and the one then in service."""
    current = current or {}
    names = dict(RefusalReason.choices)
    rows = [
        (_("nuisibles retenus (rappel)"), new.get("recall"), current.get("recall")),
        (
            _("acceptables retenus"),
            new.get("acceptable_held"),
            current.get("acceptable_held"),
        ),
    ]
    for kind, values in new.get("kinds", {}).items():
        rows.append((names.get(kind, kind), values, current.get("kinds", {}).get(kind)))
    return rows
