"""Typed readers of environment variables that refuse bad values instead of guessing."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no/on/off, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_month_day(name: str, default: tuple[int, int]) -> tuple[int, int]:
    """A day of the year written "MM-DD" ("11-15"); 29 February is refused (not every year has it)."""
    import datetime as dt

    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        month, day = (int(p) for p in raw.strip().split("-"))
        dt.date(2025, month, day)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a day of the year written MM-DD (such as 11-15), not {raw!r}") from None
    return month, day
