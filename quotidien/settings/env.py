"""Read settings from environment variables, refusing a mistyped value with a hint.

Each helper returns the variable's value, or the default when it is unset or empty;
a value it cannot read stops the start with ImproperlyConfigured, naming the variable
and what it expects. Code outside the settings may use them too.
"""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: use 1/true/yes/on or 0/false/no/off.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name) or str(default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: a whole number is expected.") from None


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
                f"{name}: {entry!r} is neither an address nor a CIDR range."
            ) from None
    return entries
