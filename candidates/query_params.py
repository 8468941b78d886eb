"""Numbers read from a query string (`?candidat=12`, `?mois=2026-03`): ASCII digits only, in range.

`str.isdigit()` accepts « ² » or « ٣ », which `int()` or the database then refuse; year 0 or month 13
pass a digits check but no date lookup. A value that does not parse is simply absent (None)."""

import re

NUMBER = re.compile(r"[0-9]{1,18}")
YEAR_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
FIRST_YEAR, LAST_YEAR = 1900, 2999


def positive_int(value: str | None) -> int | None:
    """`value` as a whole number ≥ 1, or None."""
    if value and NUMBER.fullmatch(value) and int(value) > 0:
        return int(value)
    return None


def year(value: str | None) -> int | None:
    """A plausible year (1900–2999), or None."""
    number = positive_int(value)
    return number if number and FIRST_YEAR <= number <= LAST_YEAR else None


def year_month(value: str | None) -> tuple[int, int] | None:
    """`"2026-03"` as `(2026, 3)`; None for anything else, e.g. `"0000-01"` or `"2026-13"`."""
    match = YEAR_MONTH.fullmatch(value or "")
    if not match or year(match[1]) is None or not 1 <= int(match[2]) <= 12:
        return None
    return int(match[1]), int(match[2])
