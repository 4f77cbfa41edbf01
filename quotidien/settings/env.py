"""Read settings from environment variables, refusing a mistyped value with a hint.

Each helper returns the variable's value, or the default when it is unset or empty;
a value it cannot read stops the start with ImproperlyConfigured, naming the variable
and what it expects, in French (the `quotidien` command prints it alone). Code outside
the settings may use them too.
"""

import ipaddress
import os
import zoneinfo

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} : 1/true/yes/on ou 0/false/no/off attendu.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name) or str(default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} : un nombre entier est attendu.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str) -> list[str]:
    """A comma-separated list of addresses or CIDR ranges, each checked at start."""
    entries = env_list(name, "")
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} : {entry!r} n’est ni une adresse ni une plage CIDR."
            ) from None
    return entries


def env_database(name: str, default: str = "", **options) -> dict:
    """A database's settings from the address in `name` (dj-database-url's forms)."""
    url = os.environ.get(name) or default
    try:
        return dj_database_url.parse(url, **options)
    except ValueError as error:  # an unknown scheme among them
        raise ImproperlyConfigured(
            f"{name} : adresse de base illisible ({error}). Exemples : "
            "postgres://utilisateur@hôte:5432/base, sqlite:////chemin/quotidien.sqlite3."
        ) from None


def env_time_zone(name: str, default: str) -> str:
    """A time zone of the IANA database, such as Asia/Beirut."""
    value = os.environ.get(name) or default
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"{name}={value!r} : fuseau horaire inconnu (ex. Asia/Beirut, Europe/Paris)."
        ) from None
    return value
